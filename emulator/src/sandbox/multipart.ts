/**
 * The SDK sends `wx.openApi` and `wx.wxPayApi` calls as multipart/form-data whose parts carry raw bytes
 * (protobuf or JSON) without a filename. busboy reports such parts as text fields, so they are decoded as
 * latin1, which maps every byte to one char, and turned back into the exact bytes.
 */
import busboy from 'busboy';

export async function parseMultipart(body: Buffer, contentType: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, Buffer>();
    const parser = busboy({
      headers: { 'content-type': contentType },
      defCharset: 'latin1',
      defParamCharset: 'latin1',
    });
    parser.on('field', (name, value) => fields.set(name, Buffer.from(value, 'latin1')));
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => fields.set(name, Buffer.concat(chunks)));
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(fields));
    parser.end(body);
  });
}

export const fieldText = (fields: Map<string, Buffer>, name: string): string =>
  fields.get(name)?.toString('utf8') ?? '';
