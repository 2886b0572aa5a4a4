/**
 * Mutations of real SNMP responses for fuzzing: byte-level damage (flips, truncation, junk,
 * inserted and deleted ranges) and structure-aware damage on the BER tree (wrong tags, lengths
 * that lie, values of other types and sizes, OIDs with absurd sub-identifiers, duplicated or
 * dropped varbinds) re-encoded with consistent lengths so that it reaches the value decoders.
 * Seeded: the same seed gives the same mutations.
 */

import { seededRng } from "../sim/dynamics";

/** Seeded random numbers (the simulator's mulberry32): the same seed gives the same mutations. */
export const rng = seededRng;

export type Random = () => number;

const int = (r: Random, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Random, list: readonly T[]): T => list[int(r, list.length)] as T;

/** A parsed TLV: constructed (children) or primitive (content). */
interface Node {
    tag: number;
    children?: Node[];
    content?: Buffer;
}

const CONSTRUCTED = (tag: number): boolean => (tag & 0x20) !== 0;

/** Parse as much of a BER tree as is well-formed; undefined when the outer TLV is not. */
function parse(buf: Buffer, start = 0, end = buf.length): Node[] | undefined {
    const out: Node[] = [];
    let p = start;
    while (p < end) {
        if (p + 2 > end) return undefined;
        const tag = buf[p++]!;
        let len = buf[p++]!;
        if (len & 0x80) {
            const n = len & 0x7f;
            if (n === 0 || n > 3 || p + n > end) return undefined;
            len = 0;
            for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
        }
        if (p + len > end) return undefined;
        if (CONSTRUCTED(tag)) {
            const children = parse(buf, p, p + len);
            if (children === undefined) return undefined;
            out.push({ tag, children });
        } else {
            out.push({ tag, content: buf.subarray(p, p + len) });
        }
        p += len;
    }
    return out;
}

function lengthBytes(len: number): Buffer {
    if (len < 0x80) return Buffer.from([len]);
    const bytes: number[] = [];
    for (let v = len; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function encode(nodes: Node[]): Buffer {
    return Buffer.concat(
        nodes.map((n) => {
            const content = n.children ? encode(n.children) : (n.content ?? Buffer.alloc(0));
            return Buffer.concat([Buffer.from([n.tag]), lengthBytes(content.length), content]);
        }),
    );
}

function walk(
    nodes: Node[],
    visit: (n: Node, parent: Node[] | undefined, i: number) => void,
    parent?: Node[],
): void {
    nodes.forEach((n, i) => {
        visit(n, parent ?? nodes, i);
        if (n.children) walk(n.children, visit, n.children);
    });
}

function all(nodes: Node[]): { node: Node; siblings: Node[]; index: number }[] {
    const out: { node: Node; siblings: Node[]; index: number }[] = [];
    walk(nodes, (node, siblings, index) => out.push({ node, siblings: siblings ?? nodes, index }));
    return out;
}

const TAGS = [
    0x02, 0x04, 0x05, 0x06, 0x30, 0x40, 0x41, 0x42, 0x43, 0x44, 0x46, 0x80, 0x81, 0x82, 0xa2, 0xa8, 0x01,
    0x1f, 0x47,
];

function randomBytes(r: Random, n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = int(r, 256);
    return b;
}

/** A value TLV of some type and some (often extreme) content. */
function randomValue(r: Random): Node {
    const tag = pick(
        r,
        TAGS.filter((t) => !CONSTRUCTED(t)),
    );
    const contents = [
        Buffer.alloc(0),
        Buffer.from([0x80]),
        Buffer.from([0x7f, 0xff, 0xff, 0xff]),
        Buffer.from([0x80, 0x00, 0x00, 0x00]),
        Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff]),
        Buffer.from([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        Buffer.from([0x2b, 0x06, 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f]), // OID with a 35-bit arc
        Buffer.from([0x2b, 0x86]), // OID ending mid-arc
        Buffer.from("-3", "latin1"),
        Buffer.from([0xff, 0xfe, 0x00, 0x1b, 0xc3, 0x28]),
        randomBytes(r, int(r, 12)),
        Buffer.alloc(int(r, 3000), 0x41),
    ];
    return { tag, content: pick(r, contents) };
}

const MUTATIONS = [
    "flipBit",
    "setByte",
    "truncate",
    "appendJunk",
    "insertBytes",
    "deleteRange",
    "changeTag",
    "lieLength",
    "hugeLength",
    "replaceValue",
    "replaceContent",
    "duplicateNode",
    "dropNode",
    "swapNodes",
] as const;
export type MutationName = (typeof MUTATIONS)[number];

/** One mutation of a datagram. Never returns the input unchanged (a no-op flips a byte). */
export function mutate(input: Buffer, r: Random): { data: Buffer; kind: MutationName } {
    const kind = pick(r, MUTATIONS);
    const data = apply(kind, input, r);
    if (data.equals(input)) {
        const copy = Buffer.from(input);
        const at = int(r, copy.length);
        copy[at] = copy[at]! ^ 0x01;
        return { data: copy, kind: "flipBit" };
    }
    return { data, kind };
}

function apply(kind: MutationName, input: Buffer, r: Random): Buffer {
    const buf = Buffer.from(input);
    const at = int(r, buf.length);
    switch (kind) {
        case "flipBit":
            buf[at] = buf[at]! ^ (1 << int(r, 8));
            return buf;
        case "setByte":
            buf[at] = pick(r, [0x00, 0xff, 0x80, 0x7f, 0x81, 0x84, 0x30, 0x02]);
            return buf;
        case "truncate":
            return buf.subarray(0, at);
        case "appendJunk":
            return Buffer.concat([buf, randomBytes(r, 1 + int(r, 64))]);
        case "insertBytes":
            return Buffer.concat([buf.subarray(0, at), randomBytes(r, 1 + int(r, 8)), buf.subarray(at)]);
        case "deleteRange":
            return Buffer.concat([
                buf.subarray(0, at),
                buf.subarray(Math.min(buf.length, at + 1 + int(r, 16))),
            ]);
        default:
            break;
    }
    const tree = parse(input);
    if (tree === undefined) return apply("flipBit", input, r);
    const nodes = all(tree);
    const target = pick(r, nodes);
    switch (kind) {
        case "changeTag":
            target.node.tag = pick(r, TAGS);
            if (!CONSTRUCTED(target.node.tag) && target.node.children) {
                target.node.content = encode(target.node.children);
                delete target.node.children;
            } else if (CONSTRUCTED(target.node.tag) && !target.node.children) {
                target.node.children = parse(target.node.content ?? Buffer.alloc(0)) ?? [];
                delete target.node.content;
            }
            return encode(tree);
        case "lieLength": {
            // Re-encode, then make one length byte claim a little more or less than is there.
            const out = encode(tree);
            const offsets: number[] = [];
            for (let i = 1; i < out.length; i++) if (out[i]! < 0x80 && out[i]! > 0) offsets.push(i);
            const o = offsets.length > 0 ? pick(r, offsets) : 1;
            out[o] = Math.max(0, Math.min(0x7f, out[o]! + pick(r, [-2, -1, 1, 2, 40])));
            return out;
        }
        case "hugeLength": {
            // A TLV claiming up to 2 GiB: the long form with four length bytes.
            const out = encode(tree);
            const o = 1 + int(r, Math.max(1, out.length - 1));
            const claim = pick(r, [
                [0x84, 0x7f, 0xff, 0xff, 0xff],
                [0x84, 0xff, 0xff, 0xff, 0xff],
                [0x83, 0xff, 0xff, 0xff],
                [0x80],
            ]);
            return Buffer.concat([out.subarray(0, o), Buffer.from(claim), out.subarray(o + 1)]);
        }
        case "replaceValue":
            target.siblings[target.index] = randomValue(r);
            return encode(tree);
        case "replaceContent":
            if (target.node.children) target.node.children = [randomValue(r)];
            else target.node.content = randomValue(r).content;
            return encode(tree);
        case "duplicateNode":
            target.siblings.splice(target.index, 0, structuredClone(target.node));
            return encode(tree);
        case "dropNode":
            target.siblings.splice(target.index, 1);
            return encode(tree);
        case "swapNodes": {
            // Siblings only: swapping a node with one inside it would make a cycle.
            const j = int(r, target.siblings.length);
            const a = target.siblings[target.index]!;
            target.siblings[target.index] = target.siblings[j]!;
            target.siblings[j] = a;
            return encode(tree);
        }
        default:
            return buf;
    }
}
