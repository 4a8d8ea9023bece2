// A command's refused arguments in words, for its `bad_request` answer. Apart from the wire contract
// (commands.ts) because the words come from the catalog: the arguments reuse the config's schemas
// (ids, language tags), whose messages are catalog keys (config-problems.ts).
import type { z } from 'zod';
import { issueMessage } from './config-problems.js';

/**
 * One line per problem, with the path of each. For a union (ticket.issue takes a service *or* an
 * appointment code) the branch closest to the request is reported, not zod's bare "Invalid input".
 */
export function describeArgsError(error: z.ZodError): string {
  const lines = (issues: readonly z.core.$ZodIssue[]): string[] =>
    issues.flatMap((i) => {
      if (i.code === 'invalid_union' && i.errors.length) {
        const closest = [...i.errors].sort((a, b) => a.length - b.length)[0] ?? [];
        return lines(closest.map((x) => ({ ...x, path: [...i.path, ...x.path] })));
      }
      return [`${i.path.join('.') || 'args'}: ${issueMessage(i)}`];
    });
  return lines(error.issues).join('; ');
}
