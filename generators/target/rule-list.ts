/**
 * The rules of the built-in targets, for `errcat rules`: each target's name rules and its own rules,
 * with the target that reports them (only when it is selected).
 */
import { rulesOf } from "./name-rules.js";
import { BUILTIN_TARGETS } from "./registry.js";

export interface ListedTargetRule {
  readonly target: string;
  readonly id: string;
  readonly description: string;
  readonly fix: string;
}

export async function builtinTargetRules(): Promise<ListedTargetRule[]> {
  const targets = await Promise.all(Object.values(BUILTIN_TARGETS).map((load) => load()));
  return targets.flatMap((target) => rulesOf(target).map((r) => ({ target: target.name, id: r.id, description: r.description, fix: r.fix })));
}
