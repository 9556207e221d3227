// One cloud-function instance, run inside a worker_threads Worker by function-instance.ts.
// Plain JavaScript on purpose: it must run under bare `node` (no tsx). Protocol: worker-protocol.ts.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Error objects as `Name: message`; wx-server-sdk's plain `{ errCode, errMsg }` objects by errMsg. */
function describe(thrown) {
  if (thrown instanceof Error) return { text: String(thrown), stack: thrown.stack };
  if (thrown && typeof thrown === 'object' && typeof thrown.errMsg === 'string') {
    return { text: `errCode: ${thrown.errCode} | errMsg: ${thrown.errMsg}` };
  }
  return { text: String(thrown) };
}

/** Like the SCF runtime: the invocation's environ replaces the previous one in process.env. */
function applyEnviron(environ) {
  for (const [key, value] of Object.entries(environ)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

const PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/** The `require` Node gives a CommonJS module (lib/internal/modules/helpers.js makeRequireFunction). */
function makeRequire(mod) {
  function require(id) {
    return mod.require(id);
  }
  function resolve(request, options) {
    return Module._resolveFilename(request, mod, false, options);
  }
  resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** The module's wrapper function, as Node compiles it, with V8's code cache; undefined when V8 cannot compile it. */
function compileWrapper(content, filename, cachedData) {
  try {
    return vm.compileFunction(content, PARAMETERS, {
      filename,
      cachedData,
      produceCachedData: cachedData === undefined,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  } catch {
    return undefined;
  }
}

/**
 * Every instance loads the same few hundred files (wx-server-sdk and its dependencies, the bundle), and
 * compiling them is a quarter of a cold start. So CommonJS modules are compiled with V8's code cache: `cache`
 * holds what earlier instances produced (V8 checks it against the source and ignores a stale one), and what
 * this instance compiles afresh goes into `produced` for the next ones. Anything else (ESM, a module V8 cannot
 * compile as a function) goes to Node's own compiler. Line and column numbers are the source's, as with Node's.
 */
function installCodeCache(cache, produced) {
  const nodeCompile = Module.prototype._compile;
  let hits = 0;
  Module.prototype._compile = function compileWithCodeCache(content, filename, format) {
    if (format === 'module' || filename.endsWith('.mjs')) return nodeCompile.call(this, content, filename, format);
    const cached = cache.get(filename);
    let wrapper = compileWrapper(content, filename, cached);
    if (wrapper && cached !== undefined && wrapper.cachedDataRejected) {
      wrapper = compileWrapper(content, filename, undefined);
    } else if (wrapper && cached !== undefined) {
      hits += 1;
    }
    if (!wrapper) return nodeCompile.call(this, content, filename, format);
    if (wrapper.cachedDataProduced) produced.set(filename, wrapper.cachedData);
    return Reflect.apply(wrapper, this.exports, [this.exports, makeRequire(this), this, filename, dirname(filename)]);
  };
  return () => hits;
}

/** `require('wx-server-sdk')`, from the function or any module, loads the one-file SDK when there is one. */
if (workerData.sdk) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveSdk(request, ...rest) {
    return request === 'wx-server-sdk' ? workerData.sdk : Reflect.apply(resolveFilename, this, [request, ...rest]);
  };
}

const produced = new Map();
const cacheHits = workerData.codeCache ? installCodeCache(workerData.codeCache, produced) : () => 0;

let main;
try {
  main = require(workerData.entry).main;
  if (typeof main !== 'function') throw new TypeError(`${workerData.entry} does not export a main function`);
  parentPort.postMessage({ type: 'ready', codeCache: produced, codeCacheHits: cacheHits() });
} catch (thrown) {
  parentPort.postMessage({ type: 'init-failed', error: describe(thrown) });
}
// The runner has its copy; modules `main` requires later still compile from the cache this instance was given.
produced.clear();

parentPort.on('message', async (message) => {
  applyEnviron(message.environ);
  try {
    const value = await main(message.event, message.context);
    const json = JSON.stringify(value) ?? 'null';
    parentPort.postMessage({ type: 'result', id: message.id, ok: true, json });
  } catch (thrown) {
    parentPort.postMessage({ type: 'result', id: message.id, ok: false, error: describe(thrown) });
  }
});
