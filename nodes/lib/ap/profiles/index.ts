/**
 * Every vendor profile, in detection priority: when several match a device, the first whose
 * probe answers wins, and a device whose sysObjectID names no profile is read by the first
 * whose client-count object answers. Controllers come before the standalone profiles of the
 * same vendor, so a Mobility Express AP (which also answers some AP MIBs) is read as the
 * controller it is; the generic Linux families come last.
 *
 * Adding a vendor = adding one file beside this one and one line here.
 */
import type { ApProfile } from "../types";
import { profile as aerohive } from "./aerohive";
import { profile as albentia } from "./albentia";
import { profile as alcatelStellar } from "./alcatel-stellar";
import { profile as altaLabs } from "./alta-labs";
import { profile as appleAirport } from "./apple-airport";
import { profile as arubaController } from "./aruba-controller";
import { profile as arubaInstant } from "./aruba-instant";
import { profile as cambiumCnpilot } from "./cambium-cnpilot";
import { profile as cambiumEpmp } from "./cambium-epmp";
import { profile as cambiumPmp } from "./cambium-pmp";
import { profile as cisco9800 } from "./cisco-9800";
import { profile as ciscoAireos } from "./cisco-aireos";
import { profile as ciscoIosAp } from "./cisco-ios-ap";
import { profile as deliberant } from "./deliberant";
import { profile as extremeEwc } from "./extreme-ewc";
import { profile as fortiap } from "./fortiap";
import { profile as fortigate } from "./fortigate";
import { profile as fortiwlc } from "./fortiwlc";
import { profile as grandstreamGwn } from "./grandstream-gwn";
import { profile as hpMsm } from "./hp-msm";
import { profile as huaweiWlan } from "./huawei-wlan";
import { profile as lancomLcos } from "./lancom-lcos";
import { profile as lancomLcosLx } from "./lancom-lcos-lx";
import { profile as ligowave } from "./ligowave";
import { profile as linuxExtend } from "./linux-extend";
import { profile as merakiCloud } from "./meraki-cloud";
import { profile as mikrotikCapsman } from "./mikrotik-capsman";
import { profile as mikrotikWifi } from "./mikrotik-wifi";
import { profile as mikrotikWireless } from "./mikrotik-wireless";
import { profile as mimosa } from "./mimosa";
import { profile as openwrtAgent } from "./openwrt-agent";
import { profile as peplink } from "./peplink";
import { profile as ruckusSz } from "./ruckus-sz";
import { profile as ruckusUnleashed } from "./ruckus-unleashed";
import { profile as ruckusZd } from "./ruckus-zd";
import { profile as ruckusZoneflex } from "./ruckus-zoneflex";
import { profile as symbolWing } from "./symbol-wing";
import { profile as tachyon } from "./tachyon";
import { profile as teldat } from "./teldat";
import { profile as tplinkEap } from "./tplink-eap";
import { profile as ubntAf60 } from "./ubnt-af60";
import { profile as ubntAirmax } from "./ubnt-airmax";
import { profile as ubntUnifi } from "./ubnt-unifi";
import { profile as xirrus } from "./xirrus";
import { profile as zyxelAp } from "./zyxel-ap";
import { profile as zyxelController } from "./zyxel-controller";
import { profile as zyxelNwaLegacy } from "./zyxel-nwa-legacy";

export const PROFILES: readonly ApProfile[] = [
    cisco9800,
    ciscoAireos,
    ciscoIosAp,
    arubaInstant,
    arubaController,
    ruckusZd,
    ruckusUnleashed,
    ruckusSz,
    ruckusZoneflex,
    merakiCloud,
    fortigate,
    fortiap,
    fortiwlc,
    huaweiWlan,
    zyxelController,
    zyxelAp,
    zyxelNwaLegacy,
    extremeEwc,
    mikrotikCapsman,
    mikrotikWifi,
    mikrotikWireless,
    // airMAX and airFiber before UniFi: all three may answer with 10002.1, and a UniFi AP
    // without its VAP table is recognised by objects airOS serves too.
    ubntAirmax,
    ubntAf60,
    ubntUnifi,
    aerohive,
    tplinkEap,
    cambiumCnpilot,
    cambiumEpmp,
    cambiumPmp,
    alcatelStellar,
    xirrus,
    hpMsm,
    symbolWing,
    peplink,
    grandstreamGwn,
    altaLabs,
    lancomLcos,
    lancomLcosLx,
    ligowave,
    deliberant,
    tachyon,
    teldat,
    albentia,
    mimosa,
    appleAirport,
    openwrtAgent,
    linuxExtend,
];

/** A profile by id; `undefined` for an unknown id. */
export function profileById(id: string): ApProfile | undefined {
    return PROFILES.find((p) => p.id === id);
}
