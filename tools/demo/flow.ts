/**
 * The flow `npm start` writes: printers and access points polled every few seconds, the two
 * widgets of this package on node-red-dashboard (/ui) and on Dashboard 2 (/dashboard) side by side,
 * a chart of supply levels and one of clients per AP (both fed straight from output 2),
 * threshold-alert feeding the panels (so their marks are its alerts), a list of active alerts and
 * pop-up notifications (at most one a minute).
 *
 * Node ids are fixed, so the alert node finds its saved state again after a restart, while the
 * device list (simulator ports change at every start) is written anew each time.
 */
import { DEFAULTS } from "../../nodes/lib/alert/rules";
import { dashboard2Site, dashboardSite, type FlowNode } from "./dashboard";

export interface SnmpSettings {
    version: "1" | "2c";
    community: string;
    /** Default port for lines without one. */
    port?: number;
    timeout?: number;
    retries?: number;
}

export interface DemoOptions {
    /** Device lines as typed in the query nodes: `host[:port] [display name]`. */
    printers: string[];
    aps: string[];
    snmp: SnmpSettings;
    printerIntervalS: number;
    apIntervalS: number;
    /** Says where the data comes from, in the flow's opening comment. */
    source: "simulator" | "devices";
}

export interface DemoFlow {
    flows: FlowNode[];
    /** Credentials per node id (the community), kept out of flows.json by Node-RED. */
    credentials: Record<string, Record<string, string>>;
}

const P = "snmp-office-demo";
const TAB = `${P}-flow`;

/** The list of active alerts: device text shown with {{ }} only (Angular inserts it as text). */
const ALERT_LIST = `<style>
.sod-alert{display:flex;gap:8px;align-items:baseline;padding:3px 0;border-bottom:1px solid rgba(128,128,128,.2)}
.sod-sev{flex:0 0 auto;font-size:11px;padding:0 6px;border-radius:8px;color:#fff;background:#fb8c00}
.sod-critical{background:#e53935}
.sod-text{flex:1 1 auto;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.sod-since{flex:0 0 auto;opacity:.6;font-size:11px}
</style>
<div class="sod-ok" ng-if="!msg.payload.length">All is well: no active alerts.</div>
<div class="sod-alert" ng-repeat="a in msg.payload track by a.key" title="{{a.text}}">
  <span class="sod-sev" ng-class="{'sod-critical': a.severity === 'critical'}">{{a.severity}}</span>
  <span class="sod-text">{{a.text}}</span>
  <span class="sod-since">{{a.since | date:'HH:mm'}}</span>
</div>
<div ng-if="msg.watch.length" style="opacity:.7;font-size:12px;margin-top:4px">Watching: {{msg.watch.length}}</div>`;

/** threshold-alert with every setting at its default, written out so the editor shows them. */
const ALERT_DEFAULTS: Record<string, string | boolean> = {
    ...Object.fromEntries(
        Object.entries(DEFAULTS).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]),
    ),
    store: "",
};

function inject(id: string, name: string, seconds: number, x: number, y: number, target: string): FlowNode {
    return {
        id,
        type: "inject",
        z: TAB,
        name,
        props: [{ p: "payload" }],
        repeat: String(seconds),
        crontab: "",
        once: true,
        onceDelay: "1",
        topic: "",
        payload: "",
        payloadType: "date",
        x,
        y,
        wires: [[target]],
    };
}

function chart(
    id: string,
    group: string,
    label: string,
    ymax: string,
    x: number,
    y: number,
    order: number,
): FlowNode {
    return {
        id,
        type: "ui_chart",
        z: TAB,
        name: label,
        group,
        order,
        width: 0,
        height: 7,
        label,
        chartType: "line",
        legend: "true",
        xformat: "HH:mm:ss",
        interpolate: "linear",
        nodata: "waiting for data",
        dot: false,
        ymin: "0",
        ymax,
        removeOlder: "30",
        removeOlderPoints: "",
        removeOlderUnit: "60",
        cutout: 0,
        useOneColor: false,
        useUTC: false,
        colors: [
            "#1F77B4",
            "#AEC7E8",
            "#FF7F0E",
            "#2CA02C",
            "#98DF8A",
            "#D62728",
            "#FF9896",
            "#9467BD",
            "#C5B0D5",
        ],
        outputs: 1,
        useDifferentColor: false,
        className: "",
        x,
        y,
        wires: [[]],
    };
}

export function demoFlow(o: DemoOptions): DemoFlow {
    const site = dashboardSite({
        prefix: P,
        site: "Office",
        tabs: {
            printers: {
                name: "Printers",
                icon: "fa-print",
                groups: {
                    cards: { name: "Printers", width: 18 },
                    alerts: { name: "Alerts", width: 8 },
                    history: { name: "Supply history", width: 18 },
                },
            },
            wifi: {
                name: "Wi-Fi",
                icon: "fa-wifi",
                groups: {
                    clients: { name: "Wi-Fi clients", width: 14 },
                    history: { name: "Clients per access point", width: 12 },
                },
            },
        },
    });
    const site2 = dashboard2Site({
        prefix: P,
        site: "Office",
        page: {
            name: "Office",
            path: "/office",
            groups: { printers: { name: "Printers", width: 12 }, wifi: { name: "Wi-Fi", width: 12 } },
        },
    });
    const g = site.groups;
    const id = (name: string): string => `${P}-${name}`;
    const where =
        o.source === "simulator"
            ? "The devices are simulated on this machine (tools/sim): toner drains, paper is refilled, people join, roam and leave the Wi-Fi."
            : "The devices are the ones you listed (PRINTERS / APS or --config).";

    const flows: FlowNode[] = [
        { id: TAB, type: "tab", label: "Office demo", disabled: false, info: "Written by `npm start`." },
        {
            id: id("about"),
            type: "comment",
            z: TAB,
            name: "Office demo: printers and Wi-Fi on both dashboards (/ui and /dashboard)",
            info: [
                where,
                "",
                "`npm start` writes this flow again at every start, so changes made here are not kept: copy the nodes to a tab of your own, or import the examples (Menu > Import > Examples > node-red-contrib-snmp-office).",
                "",
                "Printers are polled every " +
                    `${o.printerIntervalS} s and access points every ${o.apIntervalS} s. ` +
                    "Output 1 of each query node feeds its widgets (node-red-dashboard at /ui, Dashboard 2 at /dashboard) and threshold-alert; output 2 feeds the charts directly. " +
                    "threshold-alert's list of active alerts (output 2) feeds the panels too, so a card is marked exactly when the list names it; its notifications pop up at most once a minute (a delay node in rate-limit mode drops the rest; all go to the debug sidebar).",
            ].join("\n"),
            x: 250,
            y: 40,
            wires: [],
        },
        {
            id: id("snmp"),
            type: "snmp-credentials",
            name: o.source === "simulator" ? "Simulator" : "Office devices",
            version: o.snmp.version,
            port: o.snmp.port ?? 161,
            timeout: o.snmp.timeout ?? (o.source === "simulator" ? 1500 : 5000),
            retries: o.snmp.retries ?? 1,
            maxRepetitions: 25,
            maxRows: 10000,
            deadline: "",
            securityLevel: "authPriv",
            authProtocol: "sha256",
            privProtocol: "aes",
            context: "",
        },
        ...site.nodes,
        ...site2.nodes,

        // Printers
        inject(
            id("poll-printers"),
            `every ${o.printerIntervalS} s`,
            o.printerIntervalS,
            130,
            120,
            id("printers"),
        ),
        {
            id: id("printers"),
            type: "printer-supplies",
            z: TAB,
            name: "Office printers",
            snmp: id("snmp"),
            devices: o.printers.join("\n"),
            lowLevel: 10,
            invertReceptacles: false,
            x: 340,
            y: 120,
            wires: [[id("printer-cards"), id("printer-cards-2"), id("alerts")], [id("toner-ink")]],
        },
        {
            id: id("printer-cards"),
            type: "ui_printer_supplies",
            z: TAB,
            name: "",
            group: g["printers.cards"],
            order: 1,
            width: 0,
            height: 0,
            stalePolls: 3,
            x: 600,
            y: 100,
            wires: [],
        },
        {
            id: id("printer-cards-2"),
            type: "ui-printer-supplies",
            z: TAB,
            name: "",
            group: site2.groups.printers,
            order: 1,
            width: 0,
            height: 0,
            stalePolls: 3,
            x: 610,
            y: 60,
            wires: [],
        },
        {
            // Output 2 also carries drums, fusers, waste boxes and trays: the chart keeps the
            // toner and ink series (IANA types toner, tonerCartridge, ink, inkCartridge…).
            id: id("toner-ink"),
            type: "switch",
            z: TAB,
            name: "toner and ink",
            property: "metric.type",
            propertyType: "msg",
            rules: [{ t: "regex", v: "^(toner|ink)", vt: "str", case: true }],
            checkall: "true",
            repair: false,
            outputs: 1,
            x: 590,
            y: 160,
            wires: [[id("supply-chart")]],
        },
        chart(id("supply-chart"), g["printers.history"] ?? "", "Toner and ink (%)", "100", 800, 160, 1),

        // Wi-Fi
        inject(id("poll-aps"), `every ${o.apIntervalS} s`, o.apIntervalS, 130, 280, id("aps")),
        {
            id: id("aps"),
            type: "ap-clients",
            z: TAB,
            name: "Office Wi-Fi",
            snmp: id("snmp"),
            devices: o.aps.join("\n"),
            vendor: "auto",
            customCount: "",
            customClients: "",
            customSignal: "",
            customSsid: "",
            customSignalUnit: "dBm",
            macNames: "",
            signalMetrics: false,
            x: 330,
            y: 280,
            wires: [[id("wifi-table"), id("wifi-table-2"), id("alerts")], [id("per-ap")], []],
        },
        {
            id: id("wifi-table"),
            type: "ui_wifi_clients",
            z: TAB,
            name: "",
            group: g["wifi.clients"],
            order: 1,
            width: 0,
            height: 0,
            maxRows: 200,
            stalePolls: 3,
            x: 590,
            y: 260,
            wires: [],
        },
        {
            id: id("wifi-table-2"),
            type: "ui-wifi-clients",
            z: TAB,
            name: "",
            group: site2.groups.wifi,
            order: 1,
            width: 0,
            height: 0,
            maxRows: 200,
            stalePolls: 3,
            x: 600,
            y: 220,
            wires: [],
        },
        {
            // Output 2 also counts clients per SSID and per band; the chart shows the per-AP ones.
            id: id("per-ap"),
            type: "switch",
            z: TAB,
            name: "per AP",
            property: "metric.ap",
            propertyType: "msg",
            rules: [{ t: "nnull" }],
            checkall: "true",
            repair: false,
            outputs: 1,
            x: 580,
            y: 320,
            wires: [[id("clients-chart")]],
        },
        chart(id("clients-chart"), g["wifi.history"] ?? "", "Clients per access point", "", 800, 320, 1),

        // Alerts
        {
            id: id("alerts"),
            type: "threshold-alert",
            z: TAB,
            name: "",
            // The node's own defaults, written out so that the editor shows a complete node.
            ...ALERT_DEFAULTS,
            x: 590,
            y: 420,
            wires: [
                [id("human-rate"), id("log")],
                [
                    id("alert-list"),
                    id("printer-cards"),
                    id("printer-cards-2"),
                    id("wifi-table"),
                    id("wifi-table-2"),
                ],
            ],
        },
        {
            // A pop-up at a human rate: at most one a minute, the others dropped (they are all in
            // the debug sidebar and in the list of active alerts).
            id: id("human-rate"),
            type: "delay",
            z: TAB,
            name: "one a minute",
            pauseType: "rate",
            timeout: "5",
            timeoutUnits: "seconds",
            rate: "1",
            nbRateUnits: "1",
            rateUnits: "minute",
            randomFirst: "1",
            randomLast: "5",
            randomUnits: "seconds",
            drop: true,
            allowrate: false,
            outputs: 1,
            x: 820,
            y: 380,
            wires: [[id("toast")]],
        },
        {
            id: id("toast"),
            type: "ui_toast",
            z: TAB,
            position: "top right",
            displayTime: "6",
            highlight: "",
            sendall: true,
            outputs: 0,
            ok: "OK",
            cancel: "",
            // Not raw: the dashboard shows the text as text (alert texts contain device strings).
            raw: false,
            className: "",
            topic: "",
            name: "pop-up",
            x: 1010,
            y: 380,
            wires: [],
        },
        {
            id: id("log"),
            type: "debug",
            z: TAB,
            name: "notifications",
            active: true,
            tosidebar: true,
            console: false,
            tostatus: false,
            complete: "true",
            targetType: "full",
            x: 840,
            y: 420,
            wires: [],
        },
        {
            id: id("alert-list"),
            type: "ui_template",
            z: TAB,
            group: g["printers.alerts"],
            name: "active alerts",
            order: 1,
            width: 0,
            // A fixed height: the list grows and shrinks, and a fixed card scrolls instead.
            height: 8,
            format: ALERT_LIST,
            storeOutMessages: false,
            fwdInMessages: false,
            resendOnRefresh: true,
            templateScope: "local",
            className: "",
            x: 840,
            y: 460,
            wires: [[]],
        },
    ];
    return { flows, credentials: { [id("snmp")]: { community: o.snmp.community } } };
}
