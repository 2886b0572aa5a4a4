/**
 * A router's ARP table (IP-MIB, RFC 4293): which IP address each MAC had when the router last
 * talked to it. ap-clients reads it, when the user names a router, to give Wi-Fi clients an `ip`
 * where the controller or AP does not.
 *
 * Two tables carry it: ipNetToPhysicalTable (IPv4 and IPv6) and the older ipNetToMediaTable
 * (IPv4 only, deprecated but what many routers still serve). Both are read; a MAC found in the
 * newer one keeps that address.
 */
import type { QueryPlan, QueryResult } from "../snmp/query";
import { asInt, asIp, asMac, indexParts, VarType, type Varbind } from "../snmp/varbind";

/** ipNetToPhysicalPhysAddress: index ifIndex . addressType . InetAddress (length-prefixed). */
export const IP_NET_TO_PHYSICAL_PHYS = "1.3.6.1.2.1.4.35.1.4";
/** ipNetToPhysicalType: other(1), invalid(2), dynamic(3), static(4), local(5). */
export const IP_NET_TO_PHYSICAL_TYPE = "1.3.6.1.2.1.4.35.1.6";
/** ipNetToMediaPhysAddress: index ifIndex . a.b.c.d. */
export const IP_NET_TO_MEDIA_PHYS = "1.3.6.1.2.1.4.22.1.2";
/** ipNetToMediaType: other(1), invalid(2), dynamic(3), static(4). */
export const IP_NET_TO_MEDIA_TYPE = "1.3.6.1.2.1.4.22.1.4";

/** InetAddressType (INET-ADDRESS-MIB, RFC 4001): ipv4(1), ipv6(2). */
const IPV4 = 1;
const IPV6 = 2;
/** Entry types that name no client: invalid(2) (a deleted entry) and local(5) (the router's own). */
const NOT_A_NEIGHBOUR = new Set([2, 5]);

/** What one poll reads from the router: the four columns, nothing else. */
export function arpPlan(maxRows: number): QueryPlan {
    return {
        columns: [
            IP_NET_TO_PHYSICAL_PHYS,
            IP_NET_TO_PHYSICAL_TYPE,
            IP_NET_TO_MEDIA_PHYS,
            IP_NET_TO_MEDIA_TYPE,
        ],
        maxRows,
    };
}

/** An address from index sub-identifiers (4 bytes IPv4, 16 bytes IPv6), as asIp writes it. */
function addressFrom(bytes: readonly number[]): string | undefined {
    if (bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return undefined;
    const vb: Varbind = { oid: "", type: VarType.OctetString, value: Buffer.from(bytes) };
    return asIp(vb);
}

interface Neighbour {
    ip: string;
    v4: boolean;
}

/** Link-local IPv6 (fe80::/10) names no host a user would look for. */
function linkLocal(ip: string): boolean {
    return /^fe[89ab][0-9a-f]?:/i.test(ip);
}

/** Takes the address for `mac` unless it has a better one already: IPv4 first, then the first row. */
function offer(out: Map<string, Neighbour>, mac: string, ip: string | undefined, v4: boolean): void {
    if (ip === undefined) return;
    const prev = out.get(mac);
    if (prev === undefined || (!prev.v4 && v4)) out.set(mac, { ip, v4 });
}

function physicalRows(result: QueryResult, out: Map<string, Neighbour>): void {
    const types = result.columns.get(IP_NET_TO_PHYSICAL_TYPE);
    for (const [index, vb] of result.columns.get(IP_NET_TO_PHYSICAL_PHYS) ?? []) {
        const type = asInt(types?.get(index));
        if (type !== undefined && NOT_A_NEIGHBOUR.has(type)) continue;
        const mac = asMac(vb);
        // ifIndex, addressType, length, then the address bytes.
        const [, family, length, ...bytes] = indexParts(index);
        if (mac === undefined || bytes.length !== length) continue;
        if (!(family === IPV4 && length === 4) && !(family === IPV6 && length === 16)) continue;
        const ip = addressFrom(bytes);
        if (ip !== undefined && family === IPV6 && linkLocal(ip)) continue;
        offer(out, mac, ip, family === IPV4);
    }
}

function mediaRows(result: QueryResult, out: Map<string, Neighbour>): void {
    const types = result.columns.get(IP_NET_TO_MEDIA_TYPE);
    for (const [index, vb] of result.columns.get(IP_NET_TO_MEDIA_PHYS) ?? []) {
        const type = asInt(types?.get(index));
        if (type !== undefined && NOT_A_NEIGHBOUR.has(type)) continue;
        const mac = asMac(vb);
        const [, ...bytes] = indexParts(index);
        if (mac === undefined || bytes.length !== 4) continue;
        offer(out, mac, addressFrom(bytes), true);
    }
}

/**
 * MAC (`aa:bb:cc:dd:ee:ff`) -> IP address, from one read of {@link arpPlan}. An IPv4 address
 * wins over an IPv6 one; among equals, the first row (lowest ifIndex) wins.
 */
export function arpTable(result: QueryResult): Map<string, string> {
    const found = new Map<string, Neighbour>();
    physicalRows(result, found);
    mediaRows(result, found);
    return new Map(Array.from(found, ([mac, n]) => [mac, n.ip]));
}
