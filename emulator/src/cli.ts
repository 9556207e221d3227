import { parseArgs } from 'node:util';
import { startEmulator } from './index';

const USAGE = `usage: npm run emulator -- [--port N] [--memory] [--data DIR] [--indexes FILE]
  --port N        listen on 127.0.0.1:N (0 picks a free port; default 8765)
  --memory        keep nothing on disk
  --data DIR      SQLite data directory (default .cloudbase-local)
  --indexes FILE  index declarations (default shared/src/server/db/indexes.json)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8765' },
      memory: { type: 'boolean', default: false },
      data: { type: 'string' },
      indexes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}\n${USAGE}`);
  if (values.memory && values.data) throw new Error('--memory and --data exclude each other');
  const emulator = await startEmulator({
    port,
    memory: values.memory,
    dataDir: values.data,
    indexesFile: values.indexes,
  });
  const shellQuote = (v: string): string => `'${v.replaceAll("'", `'\\''`)}'`;
  console.log(`CloudBase emulator listening on ${emulator.url}`);
  for (const [key, value] of Object.entries(emulator.env)) console.log(`export ${key}=${shellQuote(value)}`);
  console.log(`# storage: ${emulator.dataDir ? `${emulator.dataDir} (SQLite, WAL, synchronous=FULL)` : 'memory only'}`);
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
