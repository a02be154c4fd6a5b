/**
 * Valibot issues as sentences that name their path, e.g. `doc.nodes[3].activation: unknown "relux" (…)`.
 */
import type * as v from 'valibot';

/** A short, readable rendering of a value for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** `doc.nodes[3].activation` from a valibot issue path. */
export function formatPath(prefix: string, issue: v.BaseIssue<unknown>): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path;
}

/** Plain words for valibot's built-in issues; custom messages (picklists, checks) pass through. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const got = show(issue.input);
  const requirement = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case 'object':
      return issue.input === undefined && (issue.path?.length ?? 0) > 0 ? 'missing' : `expected an object, got ${got}`;
    case 'number':
      return issue.input === undefined ? 'missing (expected a number)' : `expected a number, got ${got}`;
    case 'string':
      return issue.input === undefined ? 'missing (expected text)' : `expected text, got ${got}`;
    case 'array':
      return issue.input === undefined ? 'missing (expected a list)' : `expected a list, got ${got}`;
    case 'finite':
      return `expected a finite number, got ${got}`;
    case 'integer':
      return `expected a whole number, got ${got}`;
    case 'min_value':
      return `must be at least ${String(requirement)} (got ${got})`;
    case 'max_value':
      return `must be at most ${String(requirement)} (got ${got})`;
    case 'gt_value':
      return `must be more than ${String(requirement)} (got ${got})`;
    case 'lt_value':
      return `must be less than ${String(requirement)} (got ${got})`;
    case 'min_length':
      return `needs at least ${String(requirement)} ${typeof issue.input === 'string' ? 'characters' : 'items'}`;
    case 'max_length':
      return `too long: at most ${String(requirement)} ${typeof issue.input === 'string' ? 'characters' : 'items'}`;
    case 'literal':
      return issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${got}`;
    case 'nullable':
    case 'optional':
      return `expected ${issue.expected}, got ${got}`;
    default:
      return issue.message;
  }
}

/** At most this many errors are listed; a file with thousands of bad cells needs the first few, not all. */
const MAX_ERRORS = 20;

export function formatIssues(prefix: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  const errors = issues.slice(0, MAX_ERRORS).map((issue) => {
    const path = formatPath(prefix, issue);
    return path === '' ? issueMessage(issue) : `${path}: ${issueMessage(issue)}`;
  });
  if (issues.length > MAX_ERRORS) errors.push(`…and ${issues.length - MAX_ERRORS} more problems`);
  return errors;
}
