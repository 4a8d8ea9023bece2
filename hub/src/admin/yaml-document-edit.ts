// A change of the config applied to the YAML document it was read from, node by node, instead of the
// document being written anew from the config: a value that did not change keeps its node — its
// comments, flow or block style, quotes and place — and a default the file leaves out stays out.
// Items of a list are matched by their id (a service's id, an operator's username, a counter entry's
// service; a plain value by itself), so an item changed in place keeps its node, a removed one hands
// its comment on to the item after it, and a new one is written like its neighbours and without the
// defaults they leave out.
import { isDeepStrictEqual } from 'node:util';
import { diffArrays } from 'diff';
import { type Document, isCollection, isMap, isScalar, isSeq, type Node, Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { z } from 'zod';
import { placeOf, type YamlLayout } from './yaml-layout.js';

type Path = (string | number)[];
type Plain = Record<string, unknown>;

/**
 * Turns `doc`, whose value is `before` as `schema` reads it (defaults filled in), into one whose value
 * `schema` reads as `after`. Keys the schema does not know are left as they are.
 */
export function applyChange(doc: Document, before: unknown, after: unknown, schema: z.ZodType, layout: YamlLayout): void {
  if (!isMap(doc.contents) || !isPlain(before) || !isPlain(after)) throw new Error('the document is not a map');
  new DocumentEdit(doc, schema, layout).map(doc.contents, before, after, [], []);
}

/** Comments and a blank line that stood before a removed item, for the item after it. */
interface Leftover {
  comment: string | undefined;
  space: boolean;
}

class DocumentEdit {
  constructor(
    private readonly doc: Document,
    private readonly schema: z.ZodType,
    private readonly layout: YamlLayout,
  ) {}

  /**
   * The node for `after` in place of `node` (whose value is `before`). `likes` are the nodes in the same
   * place of the neighbouring items, nearest first: a new node is written like them.
   */
  value(node: unknown, before: unknown, after: unknown, path: Path, likes: Node[]): Node {
    if (isNode(node) && isDeepStrictEqual(before, after)) return node;
    if (isScalar(node) && !isObject(after)) {
      node.value = after;
      this.layout.quoteAmbiguous(node);
      return node;
    }
    if (isMap(node) && isPlain(after)) {
      this.map(node, isPlain(before) ? before : undefined, after, path, likes);
      return node;
    }
    if (isSeq(node) && Array.isArray(after)) {
      this.seq(node, Array.isArray(before) ? before : node.toJSON(), after, path);
      return node;
    }
    return this.create(after, path, isNode(node) ? [node, ...likes] : likes);
  }

  map(map: YAMLMap, before: Plain | undefined, after: Plain, path: Path, likes: Node[]): void {
    const likeMaps = likes.filter(isMap);
    const likesAt = (key: string, value: unknown): Node[] => {
      const same = likeMaps.map((m): unknown => m.get(key, true)).filter(isNode);
      // A new day of business hours is written like the other days.
      const siblings = isObject(value)
        ? map.items
            .map((p): unknown => p.value)
            .filter((v): v is Node => (Array.isArray(value) ? isSeq(v) : isMap(v)))
            .reverse()
        : [];
      return [...same, ...siblings];
    };
    let leftover: Leftover | undefined;
    const kept: Pair[] = [];
    for (const pair of map.items) {
      const key = keyOf(pair);
      if (key !== undefined && before?.[key] !== undefined && after[key] === undefined) {
        leftover = takeLeftover(pair.key, leftover);
        continue;
      }
      if (key !== undefined && after[key] !== undefined && !isDeepStrictEqual(before?.[key], after[key])) {
        pair.value = this.value(pair.value, before?.[key], after[key], [...path, key], likesAt(key, after[key]));
      }
      leftover = giveLeftover(pair.key, leftover);
      kept.push(pair);
    }
    map.items = kept;
    // Sections set apart by blank lines: a new one is too.
    const spaced = kept.length > 1 && kept.slice(1).every((p) => isNode(p.key) && p.key.spaceBefore);
    for (const [key, value] of Object.entries(after)) {
      if (value === undefined || map.has(key)) continue;
      const was = before?.[key];
      // A default the file leaves out, still the same.
      if (isDeepStrictEqual(was, value)) continue;
      const like = likesAt(key, value);
      let node: Node;
      if (isPlain(value) && isPlain(was)) {
        // A section the file leaves to its defaults: only what now differs from them is written.
        node = this.doc.createNode({});
        this.layout.follow(node, like);
        this.map(node as YAMLMap, was, value, [...path, key], like);
      } else node = this.create(value, [...path, key], like);
      const keyNode = this.doc.createNode(key);
      keyNode.spaceBefore = spaced;
      this.layout.quoteAmbiguous(keyNode);
      map.items.splice(placeOf(map, key, likeMaps), 0, new Pair(keyNode, node));
    }
    if (leftover) map.comment = joinComments(leftover, map.comment);
  }

  seq(seq: YAMLSeq, before: unknown[], after: unknown[], path: Path): void {
    const nodes = seq.items.filter(isNode);
    if (nodes.length !== seq.items.length || nodes.length !== before.length) {
      throw new Error(`${path.join('.')}: the list in the file is not the list read from it`);
    }
    const out: Node[] = [];
    let leftover: Leftover | undefined;
    const push = (node: Node) => {
      leftover = giveLeftover(node, leftover);
      out.push(node);
    };
    const others = (i: number) => nodes.filter((_, n) => n !== i);
    const change = (i: number, j: number) => {
      const node = nodes[i] as Node;
      push(isDeepStrictEqual(before[i], after[j]) ? node : this.value(node, before[i], after[j], [...path, j], others(i)));
    };
    const create = (j: number) => {
      const previous = out.at(-1);
      push(this.create(after[j], [...path, j], previous ? [previous, ...nodes.filter((n) => n !== previous)] : nodes));
    };
    const runs = diffArrays(before.map(identity), after.map(identity));
    let i = 0;
    let j = 0;
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      if (!run) continue;
      if (!run.added && !run.removed) {
        for (let n = 0; n < run.count; n++) change(i++, j++);
      } else if (run.removed) {
        // Items removed where others were added: the same items changed in place (an id renamed).
        const next = runs[r + 1];
        const added = next?.added ? next.count : 0;
        if (added) r++;
        const inPlace = Math.min(run.count, added);
        for (let n = 0; n < inPlace; n++) change(i++, j++);
        for (let n = inPlace; n < run.count; n++) leftover = takeLeftover(nodes[i++], leftover);
        for (let n = inPlace; n < added; n++) create(j++);
      } else for (let n = 0; n < run.count; n++) create(j++);
    }
    seq.items = out;
    if (leftover) seq.comment = joinComments(leftover, seq.comment);
  }

  /**
   * A new node for `value`, written like `likes` (its neighbours, nearest first) and without the
   * defaults they do not all write.
   */
  private create(value: unknown, path: Path, likes: Node[]): Node {
    const written = withoutDefaults(value, schemaAt(this.schema, path), convention(likes.map((n) => n.toJSON())));
    const node = this.doc.createNode(written) as Node;
    this.layout.follow(node, likes);
    this.layout.quoteAmbiguous(node);
    return node;
  }
}

/** What every one of `values` writes: the keys they all have, and within those what all of theirs write. */
function convention(values: unknown[]): unknown {
  if (!values.length) return undefined;
  if (values.every(isPlain)) {
    const keys = Object.keys(values[0] as Plain).filter((k) => values.every((v) => k in (v as Plain)));
    return Object.fromEntries(keys.map((k) => [k, convention(values.map((v) => (v as Plain)[k]))]));
  }
  if (values.every(Array.isArray)) return [convention(values.flat())];
  return values[0];
}

/** A list item's id, so that lists are matched item by item; a plain value is its own id. */
function identity(value: unknown): string {
  if (isPlain(value)) {
    for (const key of ['id', 'username', 'service'] as const) {
      if (typeof value[key] === 'string') return `${key}:${value[key]}`;
    }
  }
  return JSON.stringify(value);
}

/** Adds what stood before a removed item (`node`, or a removed pair's key) to what is left over. */
function takeLeftover(node: unknown, leftover: Leftover | undefined): Leftover {
  const own = isNode(node) ? { comment: node.commentBefore ?? undefined, space: !!node.spaceBefore } : { comment: undefined, space: false };
  return leftover ? combine(leftover, own) : own;
}

/** Puts what stood before removed items before `node` (an item, or a pair's key), above its own. */
function giveLeftover(node: unknown, leftover: Leftover | undefined): undefined {
  if (!leftover || !isNode(node)) return undefined;
  const both = combine(leftover, { comment: node.commentBefore ?? undefined, space: !!node.spaceBefore });
  node.commentBefore = both.comment;
  node.spaceBefore = both.space;
  return undefined;
}

/** What stood before `first`'s item and then before `second`'s, as it stood before one item. */
function combine(first: Leftover, second: Leftover): Leftover {
  if (first.comment === undefined) return { comment: second.comment, space: first.space || second.space };
  // yaml writes an empty comment line as a blank line.
  const lines = [first.comment, second.space ? '' : undefined, second.comment].filter((c) => c !== undefined);
  return { comment: lines.join('\n'), space: first.space };
}

/** A removed last item's comments as the trailing comment of its collection. */
function joinComments(leftover: Leftover, comment: string | null | undefined): string | undefined {
  if (leftover.comment === undefined) return comment ?? undefined;
  const lines = [leftover.space ? '' : undefined, leftover.comment, comment ?? undefined].filter((c) => c !== undefined);
  return lines.join('\n');
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function isNode(value: unknown): value is Node {
  return isCollection(value) || isScalar(value);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isPlain(value: unknown): value is Plain {
  return isObject(value) && !Array.isArray(value);
}

/** `value` without the fields `schema` would fill in with the same value, unless `template` writes them too. */
function withoutDefaults(value: unknown, schema: z.ZodType | undefined, template: unknown): unknown {
  if (Array.isArray(value)) {
    const item = schema && elementOf(schema);
    return value.map((v) => withoutDefaults(v, item, Array.isArray(template) ? template[0] : undefined));
  }
  if (!isPlain(value)) return value;
  const like = isPlain(template) ? template : undefined;
  const out: Plain = {};
  for (const [key, v] of Object.entries(value)) {
    const field = schema && fieldOf(schema, key);
    if (field instanceof z.ZodDefault && !(like && key in like) && isDeepStrictEqual(field.parse(undefined), v)) continue;
    out[key] = withoutDefaults(v, field, like?.[key]);
  }
  return out;
}

function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const step of path) at = at && (typeof step === 'number' ? elementOf(at) : fieldOf(at, step));
  return at;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema;
  while (at instanceof z.ZodDefault || at instanceof z.ZodOptional) at = at.unwrap() as z.ZodType;
  return at;
}

function fieldOf(schema: z.ZodType, key: string): z.ZodType | undefined {
  const at = unwrap(schema);
  if (at instanceof z.ZodObject) return at.shape[key] as z.ZodType | undefined;
  if (at instanceof z.ZodRecord) return at.valueType as z.ZodType;
  return undefined;
}

function elementOf(schema: z.ZodType): z.ZodType | undefined {
  const at = unwrap(schema);
  return at instanceof z.ZodArray ? (at.element as z.ZodType) : undefined;
}
