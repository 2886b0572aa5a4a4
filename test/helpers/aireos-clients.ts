/**
 * Wi-Fi clients coming and going on a simulated Cisco AireOS controller (AIRESPACE-WIRELESS-MIB
 * and CISCO-LWAPP-DOT11-CLIENT-MIB rows), for tests of joined / left events.
 */
import type { Simulator } from "../../tools/sim";

/** bsnMobileStationTable. */
const STATION = "1.3.6.1.4.1.14179.2.1.4.1";
/** bsnMobileStationStatsTable (column 1: RSSI, dBm). */
const STATION_STATS = "1.3.6.1.4.1.14179.2.1.6.1";
/** cldcClientTable. */
const CLDC_CLIENT = "1.3.6.1.4.1.9.9.599.1.3.1.1";

/** The table index of a MAC: its six bytes in decimal. */
function indexOf(mac: string): string {
    return mac
        .split(":")
        .map((b) => String(parseInt(b, 16)))
        .join(".");
}

function hex(mac: string): string {
    return mac.replace(/:/g, "").toUpperCase();
}

/** The client leaves: every row of it goes. */
export function clientLeaves(sim: Simulator, device: string, mac: string): void {
    const index = indexOf(mac);
    for (const col of [1, 2, 4, 5, 6, 7, 9]) sim.remove(device, `${STATION}.${col}.${index}`);
    for (const col of [1, 26]) sim.remove(device, `${STATION_STATS}.${col}.${index}`);
    for (const col of [15, 50]) sim.remove(device, `${CLDC_CLIENT}.${col}.${index}`);
}

/** The client joins the AP with radio MAC `apMac` (slot 1) on `ssid`, associated. */
export function clientJoins(
    sim: Simulator,
    device: string,
    client: { mac: string; apMac: string; ssid: string; rssi?: number },
): void {
    const index = indexOf(client.mac);
    sim.set(device, `${STATION}.1.${index}`, "4x", hex(client.mac));
    sim.set(device, `${STATION}.4.${index}`, "4x", hex(client.apMac));
    sim.set(device, `${STATION}.5.${index}`, 2, 1);
    sim.set(device, `${STATION}.7.${index}`, 4, client.ssid);
    sim.set(device, `${STATION}.9.${index}`, 2, 3); // bsnMobileStationStatus associated(3)
    if (client.rssi !== undefined) sim.set(device, `${STATION_STATS}.1.${index}`, 2, client.rssi);
}
