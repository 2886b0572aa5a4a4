/**
 * Command responder logic (RFC 3416 §4.2, RFC 1157 §4.1 for SNMPv1, RFC 3584 §4 for the v1
 * differences): turns one request PDU into the varbinds and error fields of the response.
 * Read-only: a SetRequest is answered with an error and never changes anything.
 */
import { ErrorStatus, PduTag, Tag, exceptionVarbind, type Pdu } from "./ber";
import { entryVarbind, type Entry, type MibStore } from "./store";

/** Wire version numbers: 0 = SNMPv1, 1 = SNMPv2c, 3 = SNMPv3. */
export type WireVersion = 0 | 1 | 3;

export interface Answer {
    errorStatus: number;
    errorIndex: number;
    varbinds: Buffer[];
}

/**
 * @param fits whether a response whose varbinds add up to this many bytes fits the message size
 *   limit (the caller knows the message overhead).
 * @returns undefined when the PDU gets no response (not a confirmed-class request).
 */
export function answer(
    store: MibStore,
    pdu: Pdu,
    version: WireVersion,
    fits: (varbindBytes: number) => boolean,
): Answer | undefined {
    const v1 = version === 0;
    switch (pdu.tag) {
        case PduTag.Get:
            return sized(get(store, pdu, v1), pdu, v1, fits);
        case PduTag.GetNext:
            return sized(getNext(store, pdu, v1), pdu, v1, fits);
        case PduTag.GetBulk:
            // RFC 3584 §4.1: a GetBulkRequest in an SNMPv1 message is dropped (the caller does that).
            return v1 ? undefined : getBulk(store, pdu, fits);
        case PduTag.Set:
            return set(store, pdu, v1);
        default:
            return undefined;
    }
}

/** v1 cannot carry Counter64 (RFC 3584 §4.2.2.1): such objects do not exist for a v1 manager. */
function visible(e: Entry | undefined, v1: boolean): e is Entry {
    return e !== undefined && !(v1 && e.value.type === Tag.Counter64);
}

function echo(pdu: Pdu): Buffer[] {
    return pdu.varbinds.map((vb) => vb.raw);
}

function error(status: number, index: number, pdu: Pdu): Answer {
    return { errorStatus: status, errorIndex: index, varbinds: echo(pdu) };
}

function get(store: MibStore, pdu: Pdu, v1: boolean): Answer {
    const out: Buffer[] = [];
    for (const [i, vb] of pdu.varbinds.entries()) {
        const e = store.get(vb.oid);
        if (visible(e, v1)) {
            out.push(entryVarbind(e));
        } else if (v1) {
            return error(ErrorStatus.noSuchName, i + 1, pdu);
        } else {
            const tag = store.isKnownObject(vb.oid) ? Tag.NoSuchInstance : Tag.NoSuchObject;
            out.push(exceptionVarbind(vb.name, tag));
        }
    }
    return { errorStatus: 0, errorIndex: 0, varbinds: out };
}

function nextVisible(store: MibStore, from: number, v1: boolean): number {
    let i = from;
    while (i < store.size && !visible(store.at(i), v1)) i++;
    return i;
}

function getNext(store: MibStore, pdu: Pdu, v1: boolean): Answer {
    const out: Buffer[] = [];
    for (const [i, vb] of pdu.varbinds.entries()) {
        const e = store.at(nextVisible(store, store.upperBound(vb.oid), v1));
        if (e) out.push(entryVarbind(e));
        else if (v1) return error(ErrorStatus.noSuchName, i + 1, pdu);
        else out.push(exceptionVarbind(vb.name, Tag.EndOfMibView));
    }
    return { errorStatus: 0, errorIndex: 0, varbinds: out };
}

/** GET and GETNEXT answer in full or not at all: tooBig (RFC 3416 §4.2.1, RFC 1157 §4.1.2). */
function sized(a: Answer, pdu: Pdu, v1: boolean, fits: (n: number) => boolean): Answer {
    if (a.errorStatus !== 0) return a;
    let bytes = 0;
    for (const b of a.varbinds) bytes += b.length;
    if (fits(bytes)) return a;
    // v1 answers "a GetResponse-PDU of identical form" to the request; v2 an empty list.
    return { errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: v1 ? echo(pdu) : [] };
}

/**
 * RFC 3416 §4.2.3. N non-repeaters get one successor each; the R repeaters get up to M successors,
 * each repetition continuing from the previous one's position in the sorted store (so a long walk
 * costs one binary search per repeater, then O(1) per row). Stops early when every repeater has
 * reached endOfMibView, and drops trailing varbinds that would not fit the message; if not even
 * the non-repeaters fit, the answer is tooBig.
 */
function getBulk(store: MibStore, pdu: Pdu, fits: (n: number) => boolean): Answer {
    const list = pdu.varbinds;
    const n = Math.min(Math.max(pdu.errorStatus, 0), list.length);
    const m = Math.max(pdu.errorIndex, 0);
    const r = list.length - n;
    const out: Buffer[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
        const vb = list[i]!;
        const e = store.at(store.upperBound(vb.oid));
        const enc = e ? entryVarbind(e) : exceptionVarbind(vb.name, Tag.EndOfMibView);
        if (!fits(bytes + enc.length))
            return { errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: [] };
        out.push(enc);
        bytes += enc.length;
    }
    if (r === 0 || m === 0) return { errorStatus: 0, errorIndex: 0, varbinds: out };
    const pos = list.slice(n).map((vb) => store.upperBound(vb.oid));
    const lastName = list.slice(n).map((vb) => vb.name);
    for (let rep = 0; rep < m; rep++) {
        let allEnded = true;
        for (let j = 0; j < r; j++) {
            const e = store.at(pos[j]!);
            let enc: Buffer;
            if (e) {
                enc = entryVarbind(e);
                lastName[j] = e.name!;
                pos[j] = pos[j]! + 1;
                allEnded = false;
            } else {
                // The name of an endOfMibView is the previous name in this column (RFC 3416 §4.2.3).
                enc = exceptionVarbind(lastName[j]!, Tag.EndOfMibView);
            }
            if (!fits(bytes + enc.length)) return { errorStatus: 0, errorIndex: 0, varbinds: out };
            out.push(enc);
            bytes += enc.length;
        }
        if (allEnded) break;
    }
    return { errorStatus: 0, errorIndex: 0, varbinds: out };
}

/**
 * This agent is read-only. SNMPv1 (RFC 1157 §4.1.5, RFC 3584 §4.4): noSuchName for the first
 * varbind. SNMPv2 (RFC 3416 §4.2.5): notWritable for a name inside an object the device has,
 * noAccess for one outside every object.
 */
function set(store: MibStore, pdu: Pdu, v1: boolean): Answer {
    const first = pdu.varbinds[0];
    if (!first) return { errorStatus: 0, errorIndex: 0, varbinds: [] };
    if (v1) return error(ErrorStatus.noSuchName, 1, pdu);
    const known = store.get(first.oid) !== undefined || store.isKnownObject(first.oid);
    return error(known ? ErrorStatus.notWritable : ErrorStatus.noAccess, 1, pdu);
}

export function errorName(status: number): string {
    for (const [name, value] of Object.entries(ErrorStatus)) if (value === status) return name;
    return `error ${status}`;
}
