import type { Node, NodeAPI, NodeDef } from "node-red";
import { parseMacNames } from "./lib/ap/names";
import { ApClients } from "./lib/ap/service";
import type { SnmpConfigNode } from "./lib/batch";
import { nodeApi, QueryRunner, type Msg } from "./lib/query-node";
import { seriesFormat } from "./lib/series";
import { DEFAULT_SETTINGS } from "./lib/snmp/settings";
import { STATUS } from "./lib/status";

interface ApClientsDef extends NodeDef {
    snmp?: string;
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
    signalMetrics?: boolean | string;
    series?: string;
}

const TYPE = "ap-clients";

export = function (RED: NodeAPI): void {
    function ApClientsNode(this: Node, config: ApClientsDef): void {
        RED.nodes.createNode(this, config);
        const snmp = config.snmp
            ? (RED.nodes.getNode(config.snmp) as unknown as SnmpConfigNode | null)
            : null;
        const names = parseMacNames(config.macNames);
        for (const problem of names.errors) this.warn(problem);
        const settings = (): typeof DEFAULT_SETTINGS => snmp?.settings ?? DEFAULT_SETTINGS;
        const series = seriesFormat(config.series);
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
            perClientSignal: config.signalMetrics === true || config.signalMetrics === "true",
            series: series ?? "number",
            query: () => settings(),
        });
        const configError =
            service.configError !== undefined
                ? `${service.configError}: open the node and fix the vendor setting`
                : series === null
                  ? RED._(`${TYPE}.errors.bad-series`, { value: String(config.series) })
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
            summarize: (done) => service.summarize(done),
        });

        this.on("input", (msg, send, done) => {
            runner.handle(msg, send, done);
        });
        this.on("close", (_removed: boolean, done: () => void) => {
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
};
