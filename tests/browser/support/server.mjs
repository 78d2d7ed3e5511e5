// A real `satdan serve` for a browser journey: a fresh database on the backend the run asks for
// (SATDAN_TEST_BACKEND; PostgreSQL through SATDAN_TEST_POSTGRES), the demo district seeded into it, and the
// server on a free loopback port. The clock starts where the journey says (SATDAN_TEST_NOW), so the dates it
// reads are the same on every day the suite runs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const demoPassword = 'mật khẩu demo của thử nghiệm';

const binary = process.env.SATDAN_BINARY;
if (!binary) throw new Error('SATDAN_BINARY names the satdan executable under test');

let databases = 0;

// Why this run cannot have a database (PostgreSQL asked for, none given), or '' when it can. A plain `ctest`
// without SATDAN_TEST_POSTGRES then shows the PostgreSQL entries as skipped, through the line ctest looks for.
export function skipReason() {
  if (process.env.SATDAN_TEST_BACKEND !== 'postgresql' || process.env.SATDAN_TEST_POSTGRES) return '';
  if (process.env.SATDAN_TEST_REQUIRE_POSTGRES === '1')
    throw new Error('SATDAN_TEST_REQUIRE_POSTGRES=1 but SATDAN_TEST_POSTGRES is unset');
  return 'SATDAN_TEST_POSTGRES is unset';
}
if (skipReason()) console.log('satdan-tests: no PostgreSQL backend');

function freshDatabase() {
  if (process.env.SATDAN_TEST_BACKEND === 'postgresql') {
    const admin = process.env.SATDAN_TEST_POSTGRES;
    if (!admin) throw new Error('SATDAN_TEST_BACKEND=postgresql needs SATDAN_TEST_POSTGRES');
    // The name is ours (a pid and a counter), never input.
    const name = `satdan_browser_${process.pid}_${databases++}`;
    const psql = (sql) => {
      const r = spawnSync('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    };
    psql(`DROP DATABASE IF EXISTS ${name}`);
    psql(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'satdan-browser-'));
  return { url: `sqlite:${join(dir, 'satdan.db')}`, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

// Starts a seeded server. `now`: an RFC 3339 instant where its clock starts (default: the suite's clock).
export async function startServer({ now } = {}) {
  const env = { ...process.env, SATDAN_DEMO_PASSWORD: demoPassword };
  if (now) env.SATDAN_TEST_NOW = now;
  const db = freshDatabase();
  const seeded = spawnSync(binary, ['seed-demo', '--database', db.url], { env, encoding: 'utf8', timeout: 120_000 });
  if (seeded.status !== 0) {
    db.drop();
    throw new Error(`seed-demo failed:\n${seeded.stdout}\n${seeded.stderr}`);
  }
  // The clock has run on while seeding; the server starts where it was asked to.
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--database', db.url, '--no-migrate'],
                      { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`satdan did not listen within 60 s:\n${log}`)), 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/"event":"listening".*"port":(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`satdan exited (${code}) before listening:\n${log}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      db.drop();
    },
  };
}
