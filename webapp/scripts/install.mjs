// `npm ci`, skipped when node_modules was already installed from this very package-lock.json by this Node version.
// A clean checkout (CI) always runs it; a developer's repeated builds save the ~30 s reinstall.
// Pass --force (or set VIBERGLASS_NPM_CI=always) to reinstall regardless.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stampFile = 'node_modules/.viberglass-install-stamp';
const stamp = createHash('sha256')
  .update(readFileSync('package-lock.json'))
  .update(process.version)
  .digest('hex');
const force = process.argv.includes('--force') || process.env.VIBERGLASS_NPM_CI === 'always';

if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  console.error(`npm ci failed (exit ${result.status ?? result.signal})`);
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, stamp);
