// Drives the YAML language server (npm yaml-language-server) headless over
// stdio, as an editor does, to check dossier's JSON Schemas where authors
// meet them:
//
// 1. every content file and site.yaml of a site (the example site), with
//    the schemas mapped to the content folders by the `yaml.schemas`
//    setting: no diagnostic at all;
// 2. a file `dossier new` wrote (its modeline names its schema) with one
//    key misspelt: exactly one diagnostic, on that key's line;
// 3. completion in that file offers the front matter's keys and, after
//    `status: `, the statuses.
//
// The language server reads YAML, not Markdown: as an editor set up as the
// README says hands it only the front matter, so does this script (the
// body's lines are blanked, so positions stay the file's).
//
// Usage: node yamlls.mjs SERVER_JS SCHEMAS_DIR SITE_ROOT NEW_FILE MISSPELT_KEY

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [server, schemasDir, siteRoot, newFile, misspelt] = process.argv.slice(2);
if (!misspelt) {
  console.error('usage: node yamlls.mjs SERVER_JS SCHEMAS_DIR SITE_ROOT NEW_FILE MISSPELT_KEY');
  process.exit(2);
}

const kinds = { briefs: 'brief', actors: 'actor', claims: 'claim', measures: 'measure', pages: 'page' };
const schemas = {};
for (const [folder, kind] of Object.entries(kinds)) {
  const file = pathToFileURL(path.resolve(schemasDir, `${kind}.schema.json`)).href;
  schemas[file] = `${path.resolve(siteRoot)}/content/${folder}/**/*.md`;
}
schemas[pathToFileURL(path.resolve(schemasDir, 'site.schema.json')).href] = `${path.resolve(siteRoot)}/site.yaml`;
const settings = {
  yaml: { validate: true, completion: true, hover: true, schemas, schemaStore: { enable: false } },
};

// --- a minimal LSP client -------------------------------------------------
const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const send = (message) => {
  const text = JSON.stringify({ jsonrpc: '2.0', ...message });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
};
const request = (method, params) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    send({ id, method, params });
  });
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
    buffer = buffer.subarray(end + 4 + length);
    if (message.id !== undefined && message.method === undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.method === 'workspace/configuration') {
      send({ id: message.id, result: message.params.items.map((item) => (item.section ? settings[item.section] ?? null : settings)) });
    } else if (message.id !== undefined) {
      send({ id: message.id, result: null });
    } else if (message.method === 'textDocument/publishDiagnostics') {
      diagnostics.set(message.params.uri, message.params.diagnostics);
    }
  }
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/// The front matter of a content file, the rest blanked; site.yaml whole.
function frontMatter(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!file.endsWith('.md')) return text;
  const lines = text.split('\n');
  const close = lines.indexOf('---', 1);
  // The opening `---` and the front matter stay; the closing `---` and
  // the body become empty lines.
  return lines.map((line, i) => (close < 0 || i < close ? line : '')).join('\n');
}

let version = 1;
async function open(file, text) {
  const uri = pathToFileURL(path.resolve(file)).href;
  diagnostics.delete(uri);
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: version++, text } } });
  return uri;
}
async function published(uris) {
  const start = Date.now();
  while (uris.some((u) => !diagnostics.has(u))) {
    if (Date.now() - start > 60000) throw new Error('the language server published no diagnostics within 60 s');
    await sleep(50);
  }
  // Diagnostics may be published again once a schema has loaded.
  await sleep(1500);
}

const failures = [];
const root = pathToFileURL(path.resolve(siteRoot)).href;
await request('initialize', {
  processId: process.pid,
  rootUri: root,
  capabilities: {
    workspace: { configuration: true },
    textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: false } } },
  },
  workspaceFolders: [{ uri: root, name: 'site' }],
});
send({ method: 'initialized', params: {} });
send({ method: 'workspace/didChangeConfiguration', params: { settings } });

// 1. The site: no diagnostic.
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : file.endsWith('.md') ? [file] : [];
  });
}
const files = [path.join(siteRoot, 'site.yaml'), ...walk(path.join(siteRoot, 'content'))];
const uris = [];
for (const file of files) uris.push(await open(file, frontMatter(file)));
await published(uris);
let shown = 0;
for (const [i, uri] of uris.entries()) {
  for (const d of diagnostics.get(uri)) {
    failures.push(`${files[i]}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
    shown++;
  }
}
console.log(`${files.length} files of ${siteRoot}: ${shown} diagnostic(s)`);

// 2. A file `dossier new` wrote, its modeline alone naming the schema, with
// one key misspelt: one diagnostic, on that key.
const text = frontMatter(newFile);
const uri = await open(newFile, text);
await published([uri]);
const found = diagnostics.get(uri);
const line = text.split('\n').findIndex((l) => l.startsWith(`${misspelt}:`));
if (line < 0) failures.push(`${newFile}: no line starting with ${misspelt}:`);
if (found.length !== 1 || found[0].range.start.line !== line) {
  failures.push(`${newFile}: expected one diagnostic on line ${line + 1}, got ${JSON.stringify(found.map((d) => [d.range.start.line + 1, d.message]))}`);
} else {
  console.log(`${newFile}:${line + 1}: ${found[0].message}`);
}

// 3. Completion (the new file is a claim's): keys on an empty line of the
// front matter, statuses after `status: `.
async function complete(source, at) {
  const lines = source.split('\n');
  const edited = [...lines.slice(0, at.line), at.text, ...lines.slice(at.line)].join('\n');
  send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: version++ }, contentChanges: [{ text: edited }] } });
  const result = await request('textDocument/completion', { textDocument: { uri }, position: { line: at.line, character: at.text.length } });
  return (Array.isArray(result) ? result : result?.items ?? []).map((item) => item.label);
}
const keys = await complete(text, { line: 2, text: '' });
for (const key of ['status', 'responses', 'figure', 'sources']) {
  if (!keys.includes(key)) failures.push(`completion of keys offers no ${key}: ${keys.join(', ')}`);
}
const statuses = await complete(text, { line: 2, text: 'status: ' });
for (const status of ['corroborated', 'disputed', 'misleading']) {
  if (!statuses.includes(status)) failures.push(`completion after status: offers ${statuses.join(', ')}`);
}
console.log(`completion: ${keys.length} keys (${keys.slice(0, 5).join(', ')}…); status: ${statuses.join(', ')}`);

child.kill();
if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`yaml-language-server: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log('yaml-language-server: the schemas hold');
process.exit(0);
