// Commit messages: a subject of at most 72 characters, then a blank line before the body
// (where the why and the figures go). `.githooks/commit-msg` checks a message as it is
// written (`npm install` points git at .githooks); CI checks every commit since the rule
// began, so a commit made without the hook fails CI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The first commit the rule applies to (older subjects were written before it). */
const SINCE = '0dc042e';
const MAX = 72;

/** What is wrong with one message, if anything. */
export function problems(message) {
  const [subject = '', second] = message.replace(/^#.*\n?/gm, '').split('\n');
  const found = [];
  if (!subject.trim()) found.push('empty subject');
  if (subject.length > MAX) found.push(`subject is ${subject.length} characters (max ${MAX})`);
  if (second !== undefined && second.trim()) found.push('no blank line after the subject');
  return found;
}

const [file] = process.argv.slice(2);
const messages = file
  ? [['(this commit)', readFileSync(file, 'utf8')]]
  : execFileSync('git', ['log', '--format=%h%x00%B%x01', `${SINCE}~1..HEAD`], { encoding: 'utf8' })
      .split('\x01')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => entry.split('\x00'));
let failed = 0;
for (const [id, message] of messages) {
  for (const problem of problems(message)) {
    failed++;
    console.error(`${id}: ${problem}: ${message.split('\n')[0]}`);
  }
}
if (!file) console.log(`commit-subjects: ${messages.length} commits since ${SINCE} read`);
process.exit(failed ? 1 : 0);
