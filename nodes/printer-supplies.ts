import type { Node, NodeAPI, NodeDef } from "node-red";
import { findDevicesHandler, findDevicesPath } from "./lib/discover/endpoint";
import { deviceKey, displayName } from "./lib/devices";
import type { SnmpConfigNode } from "./lib/batch";
import { PrinterCache } from "./lib/printer/cache";
import { DEFAULT_LOW_LEVEL } from "./lib/printer/decode";
import {
    metricMessages,
    needsSupplies,
    pagesMessages,
    pagesPoint,
    printerPayload,
    seriesPoint,
    unreachablePayload,
} from "./lib/printer/messages";
import { pollPrinter } from "./lib/printer/poll-printer";
import type { PrinterReading } from "./lib/printer/contract";
import { nodeApi, outputWired, QueryRunner, type Msg } from "./lib/query-node";
import { asSeries, seriesFormat } from "./lib/series";
import { DEFAULT_SETTINGS } from "./lib/snmp/settings";
import { STATUS } from "./lib/status";

interface PrinterSuppliesDef extends NodeDef {
    snmp?: string;
    devices?: string;
    lowLevel?: string | number;
    invertReceptacles?: boolean | string;
    series?: string;
}

const TYPE = "printer-supplies";

/** The low level option: a percentage from 0 to 100, empty for the default. */
function parseLowLevel(value: unknown): number | undefined {
    if (value === undefined || value === null || value === "") return DEFAULT_LOW_LEVEL;
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

export = function (RED: NodeAPI): void {
    function PrinterSuppliesNode(this: Node, config: PrinterSuppliesDef): void {
        RED.nodes.createNode(this, config);
        const snmp = config.snmp
            ? (RED.nodes.getNode(config.snmp) as unknown as SnmpConfigNode | null)
            : null;
        const lowLevel = parseLowLevel(config.lowLevel);
        const series = seriesFormat(config.series);
        if (lowLevel === undefined || series === null) {
            const why =
                lowLevel === undefined
                    ? RED._(`${TYPE}.errors.bad-low-level`, { value: String(config.lowLevel) })
                    : RED._(`${TYPE}.errors.bad-series`, { value: String(config.series) });
            this.error(why);
            this.status(STATUS.noConfig(`${TYPE}.status.bad-option`));
            this.on("input", (_msg, _send, done) => done(new Error(why)));
            return;
        }
        const invertReceptacles = config.invertReceptacles === true || config.invertReceptacles === "true";
        const cache = new PrinterCache();

        const runner = new QueryRunner<PrinterReading, { low: boolean }>({
            api: nodeApi(RED, this, TYPE),
            config: snmp,
            devicesText: config.devices ?? "",
            noun: ["printer", "printers"],
            poll: async (device, session, signal) => {
                const settings = snmp?.settings ?? DEFAULT_SETTINGS;
                const result = await pollPrinter(session, deviceKey(device, settings.port), cache, {
                    lowLevel,
                    invertReceptacles,
                    maxRepetitions: settings.maxRepetitions,
                    maxRows: settings.maxRows,
                    now: Date.now,
                    signal,
                });
                return result.reading;
            },
            messages: (device, outcome, base) => {
                if (!outcome.ok) {
                    const name = displayName(device);
                    base.topic = name;
                    base.payload = unreachablePayload(name, device.host, outcome.error, Date.now());
                    return [base, null];
                }
                const reading = outcome.value;
                const name = displayName(device, reading.name ?? undefined);
                base.topic = name;
                base.payload = printerPayload(name, device.host, reading);
                // Nothing wired to output 2: its numbers would go nowhere, so none are made.
                if (!outputWired(this, 1)) return [base, null];
                const metrics = [
                    ...metricMessages(name, device.host, reading).map((m) =>
                        asSeries(m, seriesPoint(m.metric), series),
                    ),
                    ...pagesMessages(name, device.host, reading).map((m) =>
                        asSeries(m, pagesPoint(m.metric), series),
                    ),
                ] as unknown as Msg[];
                return [base, metrics.length > 0 ? metrics : null];
            },
            brief: (reading) => ({ low: needsSupplies(reading) }),
            summarize: (done) => {
                const low = done.filter((d) => d.outcome.ok && d.outcome.value.low).length;
                return { parts: low > 0 ? [`${low} low`] : [], attention: low };
            },
        });

        this.on("input", (msg, send, done) => {
            runner.handle(msg, send, done);
        });
        this.on("close", (_removed: boolean, done: () => void) => {
            runner.close().then(
                () => {
                    cache.clear();
                    done();
                },
                (err: unknown) => {
                    this.error(err);
                    done();
                },
            );
        });
    }

    RED.nodes.registerType(TYPE, PrinterSuppliesNode);
    // The editor's "Find devices…" scan, for users who may change this node type.
    RED.httpAdmin.post(
        findDevicesPath(TYPE),
        RED.auth.needsPermission(`${TYPE}.write`),
        findDevicesHandler((id) => RED.nodes.getNode(id)),
    );
};
