/**
 * A big Cisco AireOS controller, generated (never committed): by default 500 APs with two radios
 * each and 5,000 clients, as snmprec text for the simulator. The tables carry the columns a real
 * controller serves besides the ones the ap-clients profile reads, so a whole-table walk costs
 * what it costs on a real controller. Deterministic for a given seed.
 */

export interface ControllerSpec {
    aps?: number;
    clients?: number;
    wlans?: number;
    seed?: number;
    /** Only the objects this accepts (e.g. those a profile reads: a lean file for 200,000 clients). */
    only?: (oid: string) => boolean;
}

export interface ControllerFixture {
    /** snmprec text. */
    records: string;
    aps: number;
    clients: number;
    /** Expected counts, to check a poll against. */
    perSsid: Map<string, number>;
    perAp: Map<string, number>;
    /** Table entry OIDs of the tables the profile reads (for the whole-table baseline). */
    tables: string[];
}

const BSN = "1.3.6.1.4.1.14179";
const AP = `${BSN}.2.2.1.1`;
const APIF = `${BSN}.2.2.2.1`;
const ESS = `${BSN}.2.1.1.1`;
const STA = `${BSN}.2.1.4.1`;
const STATS = `${BSN}.2.1.6.1`;
const CLDC = "1.3.6.1.4.1.9.9.599.1.3.1.1";

function rng(seed: number): () => number {
    let s = seed >>> 0 || 1;
    return () => {
        // xorshift32
        s ^= s << 13;
        s >>>= 0;
        s ^= s >>> 17;
        s ^= s << 5;
        s >>>= 0;
        return s / 0x100000000;
    };
}

function macOf(prefix: number[], n: number): number[] {
    return [...prefix, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

const hex = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * A filter for {@link ControllerSpec.only}: the objects a query plan reads (its scalars, and
 * everything under its columns).
 */
export function readBy(plan: {
    scalars: readonly string[];
    columns: readonly string[];
}): (oid: string) => boolean {
    const scalars = new Set(plan.scalars);
    const columns = plan.columns.map((c) => `${c}.`);
    return (oid) => scalars.has(oid) || columns.some((c) => oid.startsWith(c));
}

/** Generate the controller. */
export function ciscoController(spec: ControllerSpec = {}): ControllerFixture {
    const apCount = spec.aps ?? 500;
    const clientCount = spec.clients ?? 5000;
    const wlanCount = spec.wlans ?? 8;
    const random = rng(spec.seed ?? 42);
    const lines: [string, string, string | number][] = [];
    const add = (oid: string, type: string, value: string | number): void => {
        if (spec.only === undefined || spec.only(oid)) lines.push([oid, type, value]);
    };

    add("1.3.6.1.2.1.1.1.0", "4", "Cisco Controller");
    add("1.3.6.1.2.1.1.2.0", "6", "1.3.6.1.4.1.9.1.2171");
    add("1.3.6.1.2.1.1.3.0", "67", 987654321);
    add("1.3.6.1.2.1.1.5.0", "4", "wlc-campus");
    add(`${BSN}.1.1.1.3.0`, "4", "AIR-CT8540-K9");
    add("1.3.6.1.4.1.9.9.618.1.8.4.0", "66", apCount);

    const aps = Array.from({ length: apCount }, (_, i) => ({
        mac: macOf([0x00, 0x3a, 0x7d], 0x100000 + i * 16),
        name: `ap-${String(i + 1).padStart(3, "0")}`,
        clients: [0, 0],
    }));
    const ssids = Array.from({ length: wlanCount }, (_, i) => (i === 0 ? "Campus" : `Campus-${i + 1}`));
    const perSsid = new Map<string, number>(ssids.map((s) => [s, 0]));

    const clients = Array.from({ length: clientCount }, (_, i) => {
        const ap = Math.floor(random() * apCount);
        const slot = random() < 0.35 ? 0 : 1;
        const wlan = Math.floor(random() * random() * wlanCount);
        const a = aps[ap];
        if (a) a.clients[slot] = (a.clients[slot] ?? 0) + 1;
        const ssid = ssids[wlan] ?? "Campus";
        perSsid.set(ssid, (perSsid.get(ssid) ?? 0) + 1);
        return {
            mac: macOf([0x02, 0x00, 0x5e], i + 1),
            ap,
            slot,
            wlan,
            rssi: -40 - Math.floor(random() * 46),
            snr: 10 + Math.floor(random() * 41),
        };
    });

    aps.forEach((ap, i) => {
        const idx = ap.mac.join(".");
        add(`${AP}.1.${idx}`, "4x", hex(ap.mac)); // bsnAPDot3MacAddress
        add(`${AP}.3.${idx}`, "4", ap.name);
        add(`${AP}.4.${idx}`, "4", `Building ${1 + (i % 12)}, floor ${1 + (i % 5)}`);
        add(`${AP}.6.${idx}`, "2", 1);
        add(`${AP}.8.${idx}`, "4", "8.10.185.0");
        add(`${AP}.16.${idx}`, "4", "AIR-AP2802I-E-K9");
        add(`${AP}.17.${idx}`, "4", `FCW22${String(100000 + i)}`);
        add(`${AP}.19.${idx}`, "64", `10.${20 + Math.floor(i / 250)}.${i % 250}.10`);
        add(`${AP}.33.${idx}`, "4x", hex(macOf([0x00, 0x3a, 0x7e], i)));
        for (const slot of [0, 1]) {
            const r = `${idx}.${slot}`;
            add(`${APIF}.1.${r}`, "2", slot);
            add(`${APIF}.2.${r}`, "2", slot === 0 ? 1 : 2);
            add(`${APIF}.3.${r}`, "2", 1);
            add(
                `${APIF}.4.${r}`,
                "2",
                slot === 0 ? ([1, 6, 11][i % 3] ?? 1) : ([36, 52, 100, 149][i % 4] ?? 36),
            );
            add(`${APIF}.5.${r}`, "2", 1);
            add(`${APIF}.6.${r}`, "2", 1);
            add(`${APIF}.7.${r}`, "2", 3);
            add(`${APIF}.8.${r}`, "2", 1);
            add(`${APIF}.9.${r}`, "2", 255);
            add(`${APIF}.10.${r}`, "66", 0);
            add(`${APIF}.11.${r}`, "2", 1);
            add(`${APIF}.12.${r}`, "2", 2);
            add(`${APIF}.15.${r}`, "65", ap.clients[slot] ?? 0);
            add(`${APIF}.16.${r}`, "2", 0);
            add(`${APIF}.20.${r}`, "2", 10 + slot * 2);
            add(`${APIF}.23.${r}`, "2", 1);
            add(`${APIF}.34.${r}`, "2", 1);
        }
    });

    ssids.forEach((ssid, w) => {
        const i = w + 1;
        add(`${ESS}.1.${i}`, "2", i);
        add(`${ESS}.2.${i}`, "4", ssid);
        add(`${ESS}.3.${i}`, "2", 1);
        add(`${ESS}.4.${i}`, "2", 1800);
        add(`${ESS}.6.${i}`, "2", 1);
        add(`${ESS}.7.${i}`, "2", 0);
        add(`${ESS}.18.${i}`, "2", 1);
        add(`${ESS}.38.${i}`, "65", perSsid.get(ssid) ?? 0);
        add(`${ESS}.42.${i}`, "4", `vlan${100 + i}`);
    });

    clients.forEach((c, i) => {
        const idx = c.mac.join(".");
        const ap = aps[c.ap];
        const apMac = ap?.mac ?? [0, 0, 0, 0, 0, 0];
        const ssid = ssids[c.wlan] ?? "Campus";
        add(`${STA}.1.${idx}`, "4x", hex(c.mac));
        add(`${STA}.2.${idx}`, "64", `10.${100 + Math.floor(i / 250)}.${i % 250}.${10 + (i % 200)}`);
        add(`${STA}.3.${idx}`, "4", i % 3 === 0 ? `user${i}` : "");
        add(`${STA}.4.${idx}`, "4x", hex(apMac));
        add(`${STA}.5.${idx}`, "2", c.slot);
        add(`${STA}.6.${idx}`, "2", c.wlan + 1);
        add(`${STA}.7.${idx}`, "4", ssid);
        add(`${STA}.8.${idx}`, "2", 0);
        add(`${STA}.9.${idx}`, "2", 3);
        add(`${STA}.10.${idx}`, "2", 1);
        add(`${STA}.11.${idx}`, "2", 0);
        add(`${STA}.12.${idx}`, "2", 1);
        add(`${STA}.13.${idx}`, "2", 0);
        add(`${STA}.14.${idx}`, "2", 0);
        add(`${STA}.15.${idx}`, "4", "");
        add(`${STA}.16.${idx}`, "2", 1);
        add(`${STA}.19.${idx}`, "2", 1);
        add(`${STA}.25.${idx}`, "2", c.slot === 0 ? 6 : 10);
        add(`${STA}.26.${idx}`, "2", 1);
        add(`${STA}.27.${idx}`, "2", 0);
        add(`${STA}.28.${idx}`, "2", 1);
        add(`${STA}.29.${idx}`, "2", 100 + c.wlan);
        add(`${STATS}.1.${idx}`, "2", c.rssi);
        add(`${STATS}.2.${idx}`, "70", 1_000_000 + i * 7919);
        add(`${STATS}.3.${idx}`, "70", 5_000_000 + i * 104_729);
        add(`${STATS}.4.${idx}`, "65", i % 17);
        add(`${STATS}.5.${idx}`, "70", 10_000 + i * 31);
        add(`${STATS}.6.${idx}`, "70", 20_000 + i * 37);
        add(`${STATS}.26.${idx}`, "2", c.snr);
        add(`${CLDC}.2.${idx}`, "2", 4);
        add(`${CLDC}.3.${idx}`, "4", ssid);
        add(`${CLDC}.6.${idx}`, "2", c.slot === 0 ? 6 : 10);
        add(`${CLDC}.8.${idx}`, "4x", hex(apMac));
        add(`${CLDC}.9.${idx}`, "2", c.slot === 0 ? 1 : 2);
        add(`${CLDC}.13.${idx}`, "2", 100 + c.wlan);
        add(`${CLDC}.15.${idx}`, "66", 30 + ((i * 97) % 36_000));
        add(`${CLDC}.28.${idx}`, "4", ssid);
        add(`${CLDC}.35.${idx}`, "2", c.slot === 0 ? 6 : 36);
        add(`${CLDC}.44.${idx}`, "4", i % 2 === 0 ? "Android" : "Microsoft-Workstation");
        add(`${CLDC}.50.${idx}`, "66", c.slot === 0 ? 144 : 866);
    });

    const perAp = new Map(aps.map((a) => [a.name, (a.clients[0] ?? 0) + (a.clients[1] ?? 0)]));
    return {
        records: lines.map(([o, t, v]) => `${o}|${t}|${v}`).join("\n") + "\n",
        aps: apCount,
        clients: clientCount,
        perSsid,
        perAp,
        tables: [AP, APIF, ESS, STA, STATS, CLDC],
    };
}
