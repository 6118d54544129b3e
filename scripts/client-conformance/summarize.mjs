// Summarises conformance results written by scripts/conformance-client.sh: one Markdown row per scenario, from the
// checks.json the suite writes plus the client's stderr (the client prints one line there only when it fails).
// Exit code 1 when any scenario of a required group fails, warns, is missing, or the client failed where the
// scenario does not expect it to give up. Required groups and their expected scenario counts are comma lists:
//   node summarize.mjs <out> auth,extensions 14,4
import fs from 'node:fs';
import path from 'node:path';

const [outDir, requiredGroups = 'auth', expectedCounts = ''] = process.argv.slice(2);

// Scenarios in which the client is expected to refuse and exit non-zero (allowClientError in the suite's sources).
const mayGiveUp = new Set([
  'auth/scope-retry-limit', 'auth/resource-mismatch', 'auth/iss-supported-missing', 'auth/iss-wrong-issuer',
  'auth/iss-unexpected', 'auth/iss-normalized', 'auth/metadata-issuer-mismatch'
]);

function findChecks(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findChecks(full));
    else if (entry.name === 'checks.json') found.push(full);
  }
  return found;
}

const rows = [];
for (const group of fs.readdirSync(outDir, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort()) {
  for (const file of findChecks(path.join(outDir, group)).sort()) {
    const runDir = path.dirname(file);
    const scenario = path.relative(path.join(outDir, group), runDir).replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
    const checks = JSON.parse(fs.readFileSync(file, 'utf8'));
    const count = status => checks.filter(c => c.status === status).length;
    const stderrFile = path.join(runDir, 'stderr.txt');
    const stderr = fs.existsSync(stderrFile) ? fs.readFileSync(stderrFile, 'utf8').trim() : '';
    const clientError = stderr.split('\n').find(l => l.startsWith('mcp-client:')) || (stderr ? stderr.split('\n')[0] : '');
    const unexpectedExit = clientError !== '' && !mayGiveUp.has(scenario);
    const ok = count('FAILURE') === 0 && count('WARNING') === 0 && !unexpectedExit;
    rows.push({ group, scenario, passed: count('SUCCESS'), failed: count('FAILURE'), warnings: count('WARNING'), ok,
      clientError, failures: checks.filter(c => c.status !== 'SUCCESS' && c.status !== 'INFO' && c.status !== 'SKIPPED') });
  }
}

console.log('| suite | scenario | passed | failed | warnings | client exit | result |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const exit = r.clientError ? 'refused: ' + r.clientError.replace(/^mcp-client: /, '').replace(/\|/g, '/').slice(0, 90) : 'ok';
  console.log(`| ${r.group} | ${r.scenario} | ${r.passed} | ${r.failed} | ${r.warnings} | ${exit} | ${r.ok ? 'PASS' : 'FAIL'} |`);
}
for (const r of rows.filter(r => !r.ok)) {
  for (const c of r.failures) console.error(`  ${r.scenario}: ${c.status} ${c.id}: ${c.description}`);
}

const counts = expectedCounts.split(',');
let bad = 0;
console.log('');
requiredGroups.split(',').forEach((group, i) => {
  const required = rows.filter(r => r.group === group);
  const expected = Number(counts[i] || 0);
  bad += required.filter(r => !r.ok).length + Math.max(0, expected - required.length);
  console.log(`${group} (required): ${required.filter(r => r.ok).length}/${Math.max(expected, required.length)} scenarios pass`);
});
console.log(`${rows.filter(r => r.ok).length}/${rows.length} scenarios pass across all groups`);
process.exit(bad === 0 ? 0 : 1);
