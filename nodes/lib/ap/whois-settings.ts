/**
 * The whois settings of an ap-clients node (router for the ARP table, reverse DNS), read from
 * the editor's fields. No Node.js imports: the editor bundle (lib/editor.ts) runs the same checks.
 */
import { isIPv4, isIPv6, parseHostPort } from "../devices";

export const DEFAULT_ARP_TTL_MS = 5 * 60_000;

/** The node's whois settings as the editor stores them. */
export interface WhoisConfig {
    /** `host` or `host:port` of the router; blank: no ARP table read. */
    arpRouter?: string;
    /** Minutes one ARP read is used; blank: 5. */
    arpMinutes?: number | string;
    reverseDns?: boolean | string;
    /** DNS servers for reverse lookups, IP addresses with optional port; blank: the system's. */
    dnsServers?: string;
}

export interface WhoisSettings {
    router?: { host: string; port?: number; label: string };
    arpTtlMs: number;
    reverseDns: boolean;
    dnsServers: string[];
}

/** The settings, or why they cannot be used (a message naming the field). */
export function whoisSettings(config: WhoisConfig): WhoisSettings | { error: string } {
    const out: WhoisSettings = { arpTtlMs: DEFAULT_ARP_TTL_MS, reverseDns: false, dnsServers: [] };
    const routerText = (config.arpRouter ?? "").trim();
    if (routerText !== "") {
        const parsed = parseHostPort(routerText);
        if (typeof parsed === "string") return { error: `ARP router: ${parsed}` };
        out.router = { ...parsed, label: routerText };
    }
    const minutesText = String(config.arpMinutes ?? "").trim();
    if (minutesText !== "") {
        const minutes = Number(minutesText);
        if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
            return { error: `ARP cache minutes: "${minutesText}" is not a number from 0.1 to 1440` };
        }
        out.arpTtlMs = Math.round(minutes * 60_000);
    }
    out.reverseDns = config.reverseDns === true || config.reverseDns === "true";
    for (const entry of (config.dnsServers ?? "").split(/[\s,]+/).filter((e) => e !== "")) {
        const parsed = parseHostPort(entry);
        if (typeof parsed === "string" || !(isIPv4(parsed.host) || isIPv6(parsed.host))) {
            return { error: `DNS servers: "${entry}" is not an IP address (with an optional :port)` };
        }
        const host = isIPv6(parsed.host) ? `[${parsed.host}]` : parsed.host;
        out.dnsServers.push(parsed.port === undefined ? parsed.host : `${host}:${parsed.port}`);
    }
    return out;
}
