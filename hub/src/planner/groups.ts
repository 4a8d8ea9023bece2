// What the planner plans by: the top-level service groups (as the kiosk and /status show them), each
// with the windows that work mainly for it. A window serving several groups counts under the one
// most of its weighted services belong to, so the plan opens whole windows, never fractions.
import type { Config } from '@vikno/shared';

export interface PlanningGroups {
  /** Top-level group ids in config order. */
  ids: string[];
  /** Service → its top-level group. */
  groupOf: Map<string, string>;
  /** Group → its windows (counter ids), in config order: a plan of n opens the first n. */
  windows: Map<string, string[]>;
}

export function planningGroups(config: Config): PlanningGroups {
  const parents = new Map(config.serviceGroups.map((g) => [g.id, g.parent]));
  const topOf = (group: string): string => {
    let g = group;
    for (let p = parents.get(g); p; p = parents.get(g)) g = p;
    return g;
  };
  const ids = config.serviceGroups.filter((g) => !g.parent).map((g) => g.id);
  const groupOf = new Map(config.services.map((s) => [s.id, topOf(s.group)]));
  const windows = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const c of config.counters) {
    const weight = new Map<string, number>();
    for (const s of c.services) {
      const g = groupOf.get(s.service);
      if (g) weight.set(g, (weight.get(g) ?? 0) + s.weight);
    }
    let best: string | undefined;
    for (const [g, w] of weight) if (best === undefined || w > weight.get(best)!) best = g;
    if (best) windows.get(best)!.push(c.id);
  }
  // A group no window works mainly for (a consultation desk every window also takes) is planned on
  // the windows that serve it: opening one for it is opening one of another group's windows too,
  // which the plan's operator-hours then count twice.
  for (const [g, own] of windows) {
    if (own.length) continue;
    own.push(...config.counters.filter((c) => c.services.some((s) => groupOf.get(s.service) === g)).map((c) => c.id));
  }
  return { ids, groupOf, windows };
}
