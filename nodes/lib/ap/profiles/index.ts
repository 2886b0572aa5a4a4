/**
 * Every vendor profile, in detection priority: when several match a device, the first whose
 * probe answers wins. Controllers come before the standalone profiles of the same vendor, so a
 * Mobility Express AP (which also answers some AP MIBs) is read as the controller it is.
 *
 * Adding a vendor = adding one file beside this one and one line here.
 */
import type { ApProfile } from "../types";
import { profile as aerohive } from "./aerohive";
import { profile as arubaController } from "./aruba-controller";
import { profile as arubaInstant } from "./aruba-instant";
import { profile as cambiumCnpilot } from "./cambium-cnpilot";
import { profile as cambiumEpmp } from "./cambium-epmp";
import { profile as ciscoAireos } from "./cisco-aireos";
import { profile as ciscoIosAp } from "./cisco-ios-ap";
import { profile as fortigate } from "./fortigate";
import { profile as fortiwlc } from "./fortiwlc";
import { profile as merakiCloud } from "./meraki-cloud";
import { profile as mikrotikCapsman } from "./mikrotik-capsman";
import { profile as mikrotikWifi } from "./mikrotik-wifi";
import { profile as mikrotikWireless } from "./mikrotik-wireless";
import { profile as ruckusSz } from "./ruckus-sz";
import { profile as ruckusUnleashed } from "./ruckus-unleashed";
import { profile as ruckusZd } from "./ruckus-zd";
import { profile as tplinkEap } from "./tplink-eap";
import { profile as ubntAirmax } from "./ubnt-airmax";
import { profile as ubntUnifi } from "./ubnt-unifi";

export const PROFILES: readonly ApProfile[] = [
    ciscoAireos,
    ciscoIosAp,
    arubaInstant,
    arubaController,
    ruckusZd,
    ruckusUnleashed,
    ruckusSz,
    merakiCloud,
    fortigate,
    fortiwlc,
    mikrotikCapsman,
    mikrotikWifi,
    mikrotikWireless,
    ubntUnifi,
    ubntAirmax,
    aerohive,
    tplinkEap,
    cambiumCnpilot,
    cambiumEpmp,
];

/** A profile by id; `undefined` for an unknown id. */
export function profileById(id: string): ApProfile | undefined {
    return PROFILES.find((p) => p.id === id);
}
