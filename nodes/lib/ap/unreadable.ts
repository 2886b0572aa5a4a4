/**
 * Wireless families that are recognised but serve no client count over SNMP, as far as their
 * vendors' MIBs and the monitoring systems that read them tell. A device of one of these that
 * answers no profile's probe is reported as what it is, with the reason, instead of as "no
 * profile" or as the wrong vendor (a Cisco small-business WAP is no AireOS controller).
 * A device that does answer a profile's probe is read whatever this table says.
 */
import { signatureMatches, type SystemInfo } from "./detect";
import type { Signature } from "./types";

export interface KnownFamily {
    label: string;
    match: readonly Signature[];
    /** Why it cannot be read, in plain words. */
    why: string;
}

export const KNOWN_WITHOUT_COUNTS: readonly KnownFamily[] = [
    {
        label: "a Cisco small-business WAP",
        match: [
            { oid: "1.3.6.1.4.1.9.6.1.31" },
            { oid: "1.3.6.1.4.1.9.6.1.32" },
            { oid: "1.3.6.1.4.1.9.6.1.34" },
            { descr: /Cisco Small Business WAP|Cisco Systems, Inc WAP\d/ },
        ],
        why: "these APs document no client-count object in their MIBs (LibreNMS reads none either)",
    },
    {
        label: "a Cisco URWB / IW mesh radio",
        match: [
            { oid: "1.3.6.1.4.1.9.1.3280" },
            { oid: "1.3.6.1.4.1.9.1.3281" },
            { oid: "1.3.6.1.4.1.9.1.3282" },
            { descr: /^Cisco IW\d+/ },
        ],
        why: "an Ultra-Reliable Wireless Backhaul radio serves no Wi-Fi client table or count",
    },
    {
        label: "a Cambium CMM (cluster management module)",
        match: [{ descr: /^CMM\d? / }],
        why: "it powers and synchronises access points and has no radio of its own: poll the PMP access points",
    },
    {
        label: "a Siklu radio",
        match: [{ oid: "1.3.6.1.4.1.31926" }],
        why: "EtherHaul and MultiHaul radios are point-to-point links that serve no client count",
    },
    {
        label: "an EnGenius access point",
        match: [{ oid: "1.3.6.1.4.1.14125" }, { descr: /^EnGenius/ }],
        why: "EnGenius documents no client-count object (LibreNMS reads only version and serial)",
    },
    {
        label: "a D-Link DAP access point",
        match: [{ oid: "1.3.6.1.4.1.171.10.37" }, { descr: /^D-Link (DAP|Access Point)/ }],
        why: "D-Link publishes no client-count object for its DAP access points (LibreNMS reads none either)",
    },
    {
        label: "a Netgear WAC access point",
        match: [{ descr: /^(WAC\d|Netgear WAC|NETGEAR WAC)/i }],
        why: "Netgear documents no client-count object for WAC and Insight access points",
    },
    {
        label: "a Mimosa backhaul",
        match: [{ oid: "1.3.6.1.4.1.43356", descr: /\bB(5|11|24)/ }],
        why: "B5, B11 and B24 radios are point-to-point links that serve no client table or count",
    },
];

/** The first known family without client counts that the device's sysObjectID or sysDescr names. */
export function knownWithoutCounts(sys: SystemInfo): KnownFamily | undefined {
    return KNOWN_WITHOUT_COUNTS.find((f) => f.match.some((s) => signatureMatches(s, sys)));
}
