/**
 * Changing values, driven by advance() (no waiting) and, once, by the real-time interval.
 * Everything is read back over SNMP, as a poller would see it.
 */
import assert from "node:assert/strict";
import { startSimulator, type SimDevice, type Simulator } from "../../tools/sim/index";
import { Client, fixture, sleep, type Vb } from "./helpers";

const P = "1.3.6.1.2.1.43";
const LEVEL = `${P}.11.1.1.9.1`;
const MAX = `${P}.11.1.1.8.1`;
const LIFE = `${P}.10.2.1.4.1.1`;
const POWER_ON = `${P}.10.2.1.5.1.1`;
const TRAY = `${P}.8.2.1.10.1`;
const ERROR_STATE = "1.3.6.1.2.1.25.3.5.1.2.1";
const MINUTE = 60_000;

const AIRESPACE = "1.3.6.1.4.1.14179";
const STA_MAC = `${AIRESPACE}.2.1.4.1.1`;
const STA_AP = `${AIRESPACE}.2.1.4.1.4`;
const STA_SLOT = `${AIRESPACE}.2.1.4.1.5`;
const STA_ESS = `${AIRESPACE}.2.1.4.1.6`;
const STA_RSSI = `${AIRESPACE}.2.1.6.1.1`;
const AP_IF_USERS = `${AIRESPACE}.2.2.2.1.15`;
const ESS_USERS = `${AIRESPACE}.2.1.1.1.38`;
const MTX = "1.3.6.1.4.1.14988.1.1.1";
const RTAB_IFACE = `${MTX}.2.1.2`;
const RTAB_ADDR = `${MTX}.2.1.1`;
const AP_CLIENTS = `${MTX}.3.1.6`;
const AP_AUTH_CLIENTS = `${MTX}.3.1.11`;
const VAP_STATIONS = "1.3.6.1.4.1.41112.1.6.1.2.1.8";

function suffix(oid: string, prefix: string): string {
    return oid.slice(prefix.length + 1);
}

function column(vbs: Vb[], prefix: string): Map<string, Vb> {
    const m = new Map<string, Vb>();
    for (const vb of vbs) if (vb.oid.startsWith(`${prefix}.`)) m.set(suffix(vb.oid, prefix), vb);
    return m;
}

function macOfIndex(index: string): string {
    return Buffer.from(index.split(".").slice(0, 6).map(Number)).toString("hex");
}

describe("simulator: dynamics", function () {
    let sim: Simulator | undefined;
    let clients: Client[] = [];

    async function start(devices: SimDevice[], seed = 3): Promise<Simulator> {
        sim = await startSimulator({ devices, seed });
        return sim;
    }

    function client(s: Simulator, name: string): Client {
        const c = Client.community(s.endpoint(name), "2c");
        clients.push(c);
        return c;
    }

    afterEach(async function () {
        for (const c of clients) c.close();
        clients = [];
        await sim?.stop();
        sim = undefined;
    });

    it("follows an injected clock: sysUpTime moves only when the clock or advance() does", async function () {
        let now = 1_000_000;
        sim = await startSimulator({
            devices: [{ name: "laser", file: fixture("printers/colour-laser.snmprec") }],
            clock: () => now,
        });
        const c = client(sim, "laser");
        const upTime = async (): Promise<number> => Number((await c.get(["1.3.6.1.2.1.1.3.0"]))[0]!.value);
        assert.equal(await upTime(), 45210077, "the recorded value at start");
        await sleep(30);
        assert.equal(await upTime(), 45210077, "wall time does not count");
        now += 5_000;
        assert.equal(await upTime(), 45210577);
        sim.advance(10_000);
        assert.equal(await upTime(), 45211577);
    });

    describe("printers", function () {
        async function read(c: Client): Promise<Record<string, unknown>> {
            const oids = [
                `${LEVEL}.1`,
                `${LEVEL}.3`,
                `${LEVEL}.5`,
                `${LEVEL}.8`,
                LIFE,
                POWER_ON,
                `${TRAY}.1`,
                `${TRAY}.2`,
                `${TRAY}.3`,
                ERROR_STATE,
            ];
            const vbs = await c.get(oids);
            const names = [
                "black",
                "magenta",
                "drum",
                "waste",
                "life",
                "powerOn",
                "tray1",
                "tray2",
                "tray3",
                "errorState",
            ];
            const out: Record<string, unknown> = {};
            vbs.forEach((vb, i) => {
                out[names[i]!] = Buffer.isBuffer(vb.value) ? vb.value.toString("hex") : vb.value;
            });
            return out;
        }

        it("prints pages: counters rise, supplies and trays drain, low bits follow the levels", async function () {
            const s = await start([{ name: "laser", file: fixture("printers/colour-laser.snmprec") }]);
            const c = client(s, "laser");
            assert.deepEqual(await read(c), {
                black: 62,
                magenta: 8,
                drum: 31250,
                waste: 55,
                life: 48213,
                powerOn: 1520,
                tray1: 20,
                tray2: 410,
                tray3: 45,
                errorState: "a000",
            });
            s.advance(6 * MINUTE); // 600 pages per hour: 60 pages
            assert.deepEqual(await read(c), {
                black: 60, // 100 % lasts 3000 pages
                magenta: 6,
                drum: 31190, // counted in impressions: one per page
                waste: 54, // a receptacle's level is its remaining space
                life: 48273,
                powerOn: 1580,
                tray1: 0, // the first tray feeds until empty …
                tray2: 370, // … then the next one
                tray3: 45,
                errorState: "a000", // lowPaper and lowToner
            });
            s.advance(12 * MINUTE); // magenta reaches its replacement point (2 %) and is replaced
            const after = await read(c);
            assert.equal(after.magenta, 100);
            assert.equal(after.tray1, 100, "the empty tray was refilled");
            assert.equal(
                after.errorState,
                "8000",
                "lowToner clears once no colorant is low; tray 3 is still low",
            );
        });

        it("removes the alert rows about a supply it replaces, and keeps the others", async function () {
            const s = await start([{ name: "laser", file: fixture("printers/colour-laser.snmprec") }]);
            const c = client(s, "laser");
            const alertCodes = async (): Promise<string[]> =>
                (await c.walk(`${P}.18.1.1.7`)).map(
                    (vb) => `${suffix(vb.oid, `${P}.18.1.1.7`)}=${String(vb.value)}`,
                );
            assert.deepEqual(await alertCodes(), ["1.14=1104", "1.17=807"]);
            s.advance(18 * MINUTE); // magenta (supply 1.3) is replaced; tray 3 stays low
            assert.deepEqual(
                await alertCodes(),
                ["1.17=807"],
                "the magenta alert went with the old cartridge",
            );
            const rest = await c.walk(`${P}.18.1.1`);
            assert.ok(!rest.some((vb) => vb.oid.endsWith(".1.14")), "no column of the removed row is left");
        });

        it("never touches special values, manual feeds or the length of the error state", async function () {
            const s = await start([{ name: "mono", file: fixture("printers/mono-quirks.snmprec") }]);
            const c = client(s, "mono");
            const oids = [
                `${LEVEL}.1`,
                `${LEVEL}.2`,
                `${LEVEL}.3`,
                `${MAX}.3`,
                `${TRAY}.1`,
                `${TRAY}.2`,
                ERROR_STATE,
            ];
            const before = await c.get(oids);
            s.advance(30 * MINUTE);
            const after = await c.get(oids);
            assert.deepEqual(
                after.map((v) => v.value),
                [-3, 27500, -3, -2, 0, -3, Buffer.from([0])],
            );
            assert.equal(before[1]!.value, 27800);
        });

        it("stays still with dynamics: false", async function () {
            const s = await start([
                { name: "laser", file: fixture("printers/colour-laser.snmprec"), dynamics: false },
            ]);
            const c = client(s, "laser");
            const before = await read(c);
            s.advance(60 * MINUTE);
            assert.deepEqual(await read(c), before);
        });

        it("runs on a real-time interval in the demo mode", async function () {
            sim = await startSimulator({
                devices: [
                    {
                        name: "laser",
                        file: fixture("printers/colour-laser.snmprec"),
                        dynamics: { printer: { pagesPerHour: 360_000 } },
                    },
                ],
                dynamic: { intervalMs: 20 },
            });
            const c = client(sim, "laser");
            let life = 48213;
            for (let i = 0; i < 100 && life === 48213; i++) {
                await sleep(20);
                life = Number((await c.get([LIFE]))[0]!.value);
            }
            assert.ok(life > 48213, `page counter ${life}`);
        });
    });

    describe("wireless", function () {
        it("Cisco WLC: clients join, leave and roam; per-radio and per-SSID counts match the rows", async function () {
            const s = await start([{ name: "wlc", file: fixture("wireless/cisco-wlc.snmprec") }]);
            const c = client(s, "wlc");
            const initial = [...column(await c.walk(STA_MAC), STA_MAC).keys()];
            s.advance(60 * MINUTE);
            const all = await c.walk("1.3.6.1.4.1.14179");
            const macs = column(all, STA_MAC);
            const ap = column(all, STA_AP);
            const slot = column(all, STA_SLOT);
            const ess = column(all, STA_ESS);
            const rssi = column(all, STA_RSSI);
            assert.notDeepEqual([...macs.keys()].sort(), [...initial].sort(), "the population changed");
            const perRadio = new Map<string, number>();
            const perEss = new Map<string, number>();
            for (const [index, vb] of macs) {
                assert.equal((vb.value as Buffer).toString("hex"), macOfIndex(index), "MAC column = index");
                const radio = `${[...(ap.get(index)!.value as Buffer)].join(".")}.${String(slot.get(index)!.value)}`;
                perRadio.set(radio, (perRadio.get(radio) ?? 0) + 1);
                const e = String(ess.get(index)!.value);
                perEss.set(e, (perEss.get(e) ?? 0) + 1);
                const r = Number(rssi.get(index)!.value);
                assert.ok(r < -30 && r > -90, `RSSI ${r} dBm`);
            }
            const radios = column(all, AP_IF_USERS);
            for (const radio of perRadio.keys())
                assert.ok(radios.has(radio), `client on a known radio ${radio}`);
            for (const [radio, vb] of radios)
                assert.equal(vb.value, perRadio.get(radio) ?? 0, `users on ${radio}`);
            for (const [index, vb] of column(all, ESS_USERS))
                assert.equal(vb.value, perEss.get(index) ?? 0, `users on ESS ${index}`);
        });

        it("MikroTik: registration rows move between interfaces; client counts follow", async function () {
            const s = await start([{ name: "mt", file: fixture("wireless/mikrotik-router.snmprec") }]);
            const c = client(s, "mt");
            s.advance(90 * MINUTE);
            const all = await c.walk(MTX);
            const perIf = new Map<string, number>();
            for (const [index, vb] of column(all, RTAB_IFACE)) {
                const ifIndex = index.split(".")[6]!;
                assert.equal(String(vb.value), ifIndex, "mtxrWlRtabIface = the index's ifIndex");
                assert.equal(
                    (column(all, RTAB_ADDR).get(index)!.value as Buffer).toString("hex"),
                    macOfIndex(index),
                );
                perIf.set(ifIndex, (perIf.get(ifIndex) ?? 0) + 1);
            }
            for (const counts of [column(all, AP_CLIENTS), column(all, AP_AUTH_CLIENTS)]) {
                assert.deepEqual([...counts.keys()], ["4", "5", "6"]);
                for (const [ifIndex, vb] of counts)
                    assert.equal(vb.value, perIf.get(ifIndex) ?? 0, `clients on ifIndex ${ifIndex}`);
            }
        });

        it("UniFi: per-VAP station counts move, never below zero", async function () {
            const s = await start([{ name: "unifi", file: fixture("wireless/unifi-ap.snmprec") }]);
            const c = client(s, "unifi");
            const before = (await c.walk(VAP_STATIONS)).map((v) => Number(v.value));
            s.advance(60 * MINUTE);
            const after = (await c.walk(VAP_STATIONS)).map((v) => Number(v.value));
            assert.equal(after.length, before.length);
            assert.notDeepEqual(after, before);
            for (const n of after) assert.ok(n >= 0);
        });

        it("grows a controller to 5,000 clients with consistent counts", async function () {
            const s = await start([
                {
                    name: "wlc",
                    file: fixture("wireless/cisco-wlc.snmprec"),
                    dynamics: { wireless: { clients: 5000 } },
                },
            ]);
            const c = client(s, "wlc");
            assert.equal((await c.walk(STA_MAC, 50)).length, 5000);
            const sum = (vbs: Vb[]): number => vbs.reduce((t, v) => t + Number(v.value), 0);
            assert.equal(sum(await c.walk(AP_IF_USERS)), 5000);
            assert.equal(sum(await c.walk(ESS_USERS)), 5000);
        });

        it("repeats the same run for the same seed", async function () {
            const run = async (seed: number): Promise<string[]> => {
                const s = await startSimulator({
                    devices: [{ name: "wlc", file: fixture("wireless/cisco-wlc.snmprec") }],
                    seed,
                });
                const c = Client.community(s.endpoint("wlc"), "2c");
                try {
                    s.advance(30 * MINUTE);
                    return (await c.walk(STA_AP)).map(
                        (v) => `${v.oid}=${(v.value as Buffer).toString("hex")}`,
                    );
                } finally {
                    c.close();
                    await s.stop();
                }
            };
            assert.deepEqual(await run(11), await run(11));
            assert.notDeepEqual(await run(11), await run(12));
        });
    });
});
