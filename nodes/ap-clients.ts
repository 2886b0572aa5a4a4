import type { Node, NodeAPI, NodeDef } from "node-red";
import type { LoadThresholds } from "./lib/ap/load";
import { macNamesFromValue, parseMacNames } from "./lib/ap/names";
import { problemWarnings } from "./lib/lists";
import { findDevicesHandler, findDevicesPath } from "./lib/discover/endpoint";
import { ReverseDns } from "./lib/ap/rdns";
import { ApClients } from "./lib/ap/service";
import { ClientWhois, whoisSettings, type WhoisConfig } from "./lib/ap/whois";
import { openState } from "./lib/durable";
import type { SnmpConfigNode } from "./lib/batch";
import { nodeApi, QueryRunner, type Msg } from "./lib/query-node";
import { seriesFormat } from "./lib/series";
import { SnmpError } from "./lib/snmp/errors";
import { DEFAULT_SETTINGS } from "./lib/snmp/settings";
import { STATUS } from "./lib/status";

interface ApClientsDef extends NodeDef, WhoisConfig {
    snmp?: string;
    /** SNMP settings for the ARP router when they differ from the APs'; blank: the same. */
    arpSnmp?: string;
    devices?: string;
    vendor?: string;
    customCount?: string;
    customApName?: string;
    customClients?: string;
    customClientMac?: string;
    customSignal?: string;
    customSsid?: string;
    customSignalUnit?: string;
    macNames?: string;
    /** A flow or global context variable with more MAC names (`flow.macNames`, `global.names`). */
    macNamesContext?: string;
    signalMetrics?: boolean | string;
    series?: string;
    vendors?: boolean | string;
    weakBelow?: number | string;
    busyClients?: number | string;
    overloadedClients?: number | string;
    busyUtilisation?: number | string;
    overloadedUtilisation?: number | string;
    busyWeakShare?: number | string;
    overloadedWeakShare?: number | string;
}

/** A number option, or undefined (the default applies) when blank or not a number. */
function numberOption(v: unknown): number | undefined {
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
}

/** The load thresholds the user set (the others keep their defaults). */
function loadOptions(config: ApClientsDef): Partial<LoadThresholds> {
    const out: Partial<LoadThresholds> = {};
    for (const key of [
        "busyClients",
        "overloadedClients",
        "busyUtilisation",
        "overloadedUtilisation",
        "busyWeakShare",
        "overloadedWeakShare",
    ] as const) {
        const n = numberOption(config[key]);
        if (n !== undefined) out[key] = n;
    }
    return out;
}

const TYPE = "ap-clients";

export = function (RED: NodeAPI): void {
    function ApClientsNode(this: Node, config: ApClientsDef): void {
        RED.nodes.createNode(this, config);
        const snmp = config.snmp
            ? (RED.nodes.getNode(config.snmp) as unknown as SnmpConfigNode | null)
            : null;
        const names = parseMacNames(config.macNames);
        for (const problem of problemWarnings(names.errors, "MAC name lines")) this.warn(problem);
        const settings = (): typeof DEFAULT_SETTINGS => snmp?.settings ?? DEFAULT_SETTINGS;
        // More names from a context variable, parsed again only when the variable changes.
        const contextRef = /^(flow|global)\.(.+)$/.exec((config.macNamesContext ?? "").trim());
        let lastValue: unknown;
        let lastNames: ReadonlyMap<string, string> | undefined;
        const moreMacNames = (): ReadonlyMap<string, string> | undefined => {
            if (contextRef?.[1] === undefined || contextRef[2] === undefined) return undefined;
            const scope = contextRef[1] === "flow" ? this.context().flow : this.context().global;
            const value: unknown = scope.get(contextRef[2]);
            if (value !== lastValue || lastNames === undefined) {
                const parsed = macNamesFromValue(value, `${contextRef[1]}.${contextRef[2]}`);
                for (const problem of parsed.errors.slice(0, 5)) this.warn(problem);
                lastValue = value;
                lastNames = parsed.names;
            }
            return lastNames;
        };
        const series = seriesFormat(config.series);
        const who = whoisSettings(config);
        let whois: ClientWhois | undefined;
        if (!("error" in who) && (who.router !== undefined || who.reverseDns)) {
            const router = who.router;
            const routerSnmp = config.arpSnmp
                ? (RED.nodes.getNode(config.arpSnmp) as unknown as SnmpConfigNode | null)
                : snmp;
            whois = new ClientWhois({
                router: router && {
                    label: router.label,
                    use: async (fn, signal) => {
                        const pool = routerSnmp?.pool;
                        if (pool === undefined) {
                            throw new SnmpError("config", "its SNMP settings are missing or invalid", {
                                host: router.host,
                            });
                        }
                        return pool.use(router.host, router.port, fn, signal);
                    },
                },
                arpTtlMs: who.arpTtlMs,
                reverseDns: who.reverseDns ? new ReverseDns({ servers: who.dnsServers }) : undefined,
                query: () => settings(),
                warn: (text) => this.warn(text),
            });
        }
        // The clients of the last poll, for the joined / left events, kept over deploys and restarts.
        const slot = openState(RED, this, { contextKey: "clients", snapshot: () => service.knownClients() });
        const service = new ApClients({
            vendor: config.vendor || "auto",
            custom: {
                countOid: config.customCount,
                apNameOid: config.customApName,
                clientOid: config.customClients,
                clientMacOid: config.customClientMac,
                signalOid: config.customSignal,
                ssidOid: config.customSsid,
                signalUnit: config.customSignalUnit === "snr" ? "snr" : "dBm",
            },
            macNames: names.names,
            moreMacNames,
            weakBelow: numberOption(config.weakBelow),
            load: loadOptions(config),
            vendors: config.vendors !== false && config.vendors !== "false",
            perClientSignal: config.signalMetrics === true || config.signalMetrics === "true",
            series: series ?? "number",
            query: () => settings(),
            knownChanged: () => slot.changed(),
            whois,
        });
        const configError =
            service.configError !== undefined
                ? `${service.configError}: open the node and fix the vendor setting`
                : series === null
                  ? RED._(`${TYPE}.errors.bad-series`, { value: String(config.series) })
                  : "error" in who
                    ? `${who.error}: open the node and fix it`
                    : undefined;
        if (configError !== undefined) {
            // Like the SNMP errors, the vendor text is built in lib (English); it names the option to fix.
            const why = configError;
            this.error(why);
            this.status(STATUS.noConfig(`${TYPE}.status.bad-option`));
            this.on("input", (_msg, _send, done) => done(new Error(why)));
            return;
        }

        const runner = new QueryRunner({
            api: nodeApi(RED, this, TYPE),
            config: snmp,
            devicesText: config.devices ?? "",
            noun: ["device", "devices"],
            poll: (device, session, signal) => service.poll(device, session, signal),
            messages: (device, outcome, base: Msg) => service.messages(device, outcome, base),
            brief: (poll) => service.brief(poll),
            summarize: (done) => service.summarize(done),
        });

        // Polls start once the saved clients are back, so that their events continue from them.
        const restored = slot.load().then((stored) => {
            if (stored === undefined) return;
            const read = service.restoreKnownClients(stored);
            if (!read.ok) this.warn(RED._(`${TYPE}.errors.known-unreadable`, { why: read.why }));
            else if (read.dropped > 0)
                this.warn(RED._(`${TYPE}.errors.known-dropped`, { count: read.dropped }));
        });
        this.on("input", (msg, send, done) => {
            void restored.then(() => runner.handle(msg, send, done));
        });
        this.on("close", (_removed: boolean, done: () => void) => {
            whois?.close();
            runner.close().then(
                () => done(),
                (err: unknown) => {
                    this.error(err);
                    done();
                },
            );
        });
    }

    RED.nodes.registerType(TYPE, ApClientsNode);
    // The editor's "Find devices…" scan, for users who may change this node type.
    RED.httpAdmin.post(
        findDevicesPath(TYPE),
        RED.auth.needsPermission(`${TYPE}.write`),
        findDevicesHandler((id) => RED.nodes.getNode(id)),
    );
};
