// Checks the AI Studio hub with @jupyterlab/services 7 (the client library of JupyterLab 4), run by tests/clients/run.sh.
//
//   node check.mjs --url http://127.0.0.1:PORT --token TOKEN [--timeout SECONDS]
//   (or HUB_URL / HUB_TOKEN in the environment)
//
// kernelspecs -> a directory and a session (its kernel over the WebSocket) -> execute C# and read the result from IOPub
// -> save a notebook and read it back -> shut the session down. One line per check, "ok - ..." or "not ok - ...";
// the exit code is non-zero if any check failed.
import {
  ContentsManager,
  KernelManager,
  KernelMessage,
  KernelSpecManager,
  ServerConnection,
  SessionManager,
} from '@jupyterlab/services';
import WebSocket from 'ws';

// The library's own logging ("Starting WebSocket: ...", "Connection lost, reconnecting ...") goes to stderr: stdout is
// only the check lines.
console.debug = console.info = console.warn = (...parts) => console.error(...parts);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const baseUrl = option('url', process.env.HUB_URL);
const token = option('token', process.env.HUB_TOKEN);
const timeoutSeconds = Number(option('timeout', '120'));
if (!baseUrl || !token) {
  console.error('usage: node check.mjs --url HUB_URL --token TOKEN [--timeout SECONDS]');
  process.exit(2);
}

const KERNEL = 'aistudio-csharp';
const DIR = 'clients';
const SESSION_PATH = `${DIR}/check.ipynb`;
const NOTEBOOK_PATH = `${DIR}/saved.ipynb`;
const CODE = 'var x = 6 * 7; x';

let passed = 0;
let failed = 0;
const ok = (name) => { passed++; console.log(`ok - ${name}`); };
const notOk = (name, why) => { failed++; console.log(`not ok - ${name}: ${why}`); };
const describe = (error) => {
  if (error instanceof ServerConnection.ResponseError) {
    return `${error.response.status} ${error.response.url}: ${error.message}`;
  }
  return error?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(error);
};
const withTimeout = (promise, seconds, what) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${seconds} s`)), seconds * 1000).unref()),
]);
// Runs one check; returns its value or undefined when it failed.
async function check(name, body, seconds = 60) {
  try {
    const detail = await withTimeout(Promise.resolve().then(body), seconds, name);
    ok(typeof detail === 'string' ? `${name} (${detail})` : name);
    return detail ?? true;
  } catch (error) {
    notOk(name, describe(error));
    return undefined;
  }
}
const expect = (condition, message) => { if (!condition) throw new Error(message); };

const overall = setTimeout(() => {
  notOk('overall', `the checks did not finish in ${timeoutSeconds} s`);
  console.log(`# jupyterlab-services: ${passed} passed, ${failed} failed`);
  process.exit(1);
}, timeoutSeconds * 1000);

const serverSettings = ServerConnection.makeSettings({
  baseUrl,
  wsUrl: baseUrl.replace(/^http/, 'ws'),
  token,
  WebSocket,
  fetch: globalThis.fetch,
});
const kernelManager = new KernelManager({ serverSettings });
const sessionManager = new SessionManager({ kernelManager, serverSettings });
const kernelSpecManager = new KernelSpecManager({ serverSettings });
const contents = new ContentsManager({ serverSettings });
let session;

try {
  await check('kernelspecs: KernelSpecManager lists aistudio-csharp', async () => {
    await kernelSpecManager.ready;
    await kernelSpecManager.refreshSpecs();
    const specs = kernelSpecManager.specs;
    expect(specs, 'no specs');
    const names = Object.keys(specs.kernelspecs);
    expect(names.includes(KERNEL), `kernelspecs are [${names.join(', ')}]`);
    expect(specs.kernelspecs[KERNEL].language === 'csharp', `language is ${specs.kernelspecs[KERNEL].language}`);
    return `default ${specs.default}; ${names.join(', ')}`;
  });

  await check(`contents: ContentsManager creates the directory '${DIR}'`, async () => {
    let exists = false;
    try {
      exists = (await contents.get(DIR, { content: false })).type === 'directory';
    } catch (error) {
      if (!(error instanceof ServerConnection.ResponseError && error.response.status === 404)) throw error;
    }
    if (!exists) {
      const model = await contents.save(DIR, { type: 'directory' });
      expect(model.type === 'directory', `created a ${model.type}`);
    }
    const listing = await contents.get('', { content: true });
    expect(listing.content.some((item) => item.name === DIR && item.type === 'directory'), `'${DIR}' is not in the root listing`);
  });

  const started = await check('sessions: SessionManager.startNew starts an aistudio-csharp session', async () => {
    const t0 = performance.now();
    session = await sessionManager.startNew({ path: SESSION_PATH, type: 'notebook', name: 'check.ipynb', kernel: { name: KERNEL } });
    expect(session.kernel, 'the session has no kernel');
    expect(session.kernel.name === KERNEL, `kernel is ${session.kernel.name}`);
    await sessionManager.refreshRunning();
    expect([...sessionManager.running()].some((m) => m.id === session.id), 'the session is not in GET /api/sessions');
    return `session ${session.id.slice(0, 8)}, kernel ${session.kernel.id.slice(0, 8)}, ${((performance.now() - t0) / 1000).toFixed(2)} s`;
  }, 90);

  if (started) {
    await check('kernel: the WebSocket connects and kernel_info answers', async () => {
      const t0 = performance.now();
      const kernel = session.kernel;
      // kernel_info is not queued while the socket connects (JupyterLab waits for the connection too)
      if (kernel.connectionStatus !== 'connected') {
        await new Promise((resolve, reject) => {
          const changed = (_, status) => {
            if (status === 'connected') { kernel.connectionStatusChanged.disconnect(changed); resolve(); }
            if (status === 'disconnected') { kernel.connectionStatusChanged.disconnect(changed); reject(new Error('the WebSocket disconnected')); }
          };
          kernel.connectionStatusChanged.connect(changed);
        });
      }
      await kernel.info;
      const reply = await kernel.requestKernelInfo();
      expect(reply?.content.status === 'ok', `status ${reply?.content.status}`);
      expect(reply.content.language_info.name === 'csharp', `language ${reply.content.language_info.name}`);
      return `protocol ${reply.content.protocol_version}, ${session.kernel.connectionStatus}, ${((performance.now() - t0) / 1000).toFixed(2)} s`;
    }, 90);

    await check(`kernel: requestExecute('${CODE}') gives execute_result text/plain 42`, async () => {
      const t0 = performance.now();
      const results = [];
      const errors = [];
      const future = session.kernel.requestExecute({ code: CODE });
      future.onIOPub = (msg) => {
        if (KernelMessage.isExecuteResultMsg(msg)) results.push(msg.content);
        if (KernelMessage.isErrorMsg(msg)) errors.push(`${msg.content.ename}: ${msg.content.evalue}`);
      };
      const reply = await future.done;
      expect(reply.content.status === 'ok', `execute_reply status ${reply.content.status} ${errors.join('; ')}`);
      expect(results.length === 1, `${results.length} execute_result messages ${errors.join('; ')}`);
      const text = results[0].data['text/plain'];
      expect(text === '42', `text/plain is ${JSON.stringify(text)}`);
      return `execution_count ${results[0].execution_count}, ${((performance.now() - t0) / 1000).toFixed(2)} s`;
    }, 90);
  }

  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: KERNEL, display_name: 'C# (AI Studio)', language: 'csharp' },
      language_info: { name: 'csharp' },
    },
    cells: [{
      id: 'c0ffee00',
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      source: CODE,
      outputs: [{ output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': '42' } }],
    }],
  };
  await check(`contents: save ${NOTEBOOK_PATH} (nbformat 4, one code cell with its output)`, async () => {
    const model = await contents.save(NOTEBOOK_PATH, { type: 'notebook', format: 'json', content: notebook });
    expect(model.path === NOTEBOOK_PATH, `saved as ${model.path}`);
    expect(model.type === 'notebook', `saved as a ${model.type}`);
  });

  await check(`contents: get ${NOTEBOOK_PATH} returns the cell source and output`, async () => {
    const model = await contents.get(NOTEBOOK_PATH, { type: 'notebook', content: true });
    expect(model.format === 'json', `format ${model.format}`);
    const nb = model.content;
    expect(nb.nbformat === 4, `nbformat ${nb.nbformat}`);
    expect(nb.cells?.length === 1, `${nb.cells?.length} cells`);
    const cell = nb.cells[0];
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    expect(cell.cell_type === 'code' && source === CODE, `cell ${cell.cell_type} ${JSON.stringify(source)}`);
    const output = cell.outputs?.[0];
    const text = output?.data?.['text/plain'];
    expect(output?.output_type === 'execute_result' && (Array.isArray(text) ? text.join('') : text) === '42',
      `output ${JSON.stringify(output)}`);
    expect(nb.metadata?.kernelspec?.name === KERNEL, `metadata.kernelspec ${JSON.stringify(nb.metadata?.kernelspec)}`);
  });

  if (session) {
    await check('sessions: shutdown ends the session and its kernel', async () => {
      const kernelId = session.kernel?.id;
      await session.shutdown();
      session = undefined;
      await sessionManager.refreshRunning();
      expect(![...sessionManager.running()].some((m) => m.path === SESSION_PATH), 'the session is still listed');
      await kernelManager.refreshRunning();
      expect(![...kernelManager.running()].some((m) => m.id === kernelId), 'its kernel is still running');
    });
  }
} catch (error) {
  notOk('unexpected error', describe(error));
} finally {
  if (session) {
    try { await withTimeout(session.shutdown(), 20, 'shutdown'); } catch { /* reported above */ }
  }
  clearTimeout(overall);
  sessionManager.dispose();
  kernelManager.dispose();
  kernelSpecManager.dispose();
  contents.dispose();
}
console.log(`# jupyterlab-services: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
