/**
 * Colour and supply-type words in the languages printers ship with, one table per language.
 *
 * A supply description is PrtLocalizedDescriptionStringTC (RFC 3805): it is written in the
 * language of the printer's current localization, so "Black Toner" arrives as "Schwarzer Toner",
 * "Toner noir", "ブラックトナー" or "黑色碳粉". The colorant table (prtMarkerColorantValue, ISO
 * 10175 English names) still wins where the agent has one; these words are the fallback.
 *
 * Each entry is a regular-expression fragment (case-insensitive, Unicode). Words of alphabetic
 * scripts only match as whole words (no letter or digit on either side), so a fragment that must
 * also match inside a compound says so with `\p{L}*` ("\p{L}*trommel\p{L}*" for "Bildtrommel").
 * Scripts written without spaces between words (Japanese, Chinese, Korean) set `substring`, and
 * their words match anywhere in the text.
 *
 * Sources: the devices' own strings and monitoring tools' keyword lists collected in the research
 * notes (printer-usage.md §3), completed with the standard vocabulary of each language.
 */

/** Canonical colour names, the same camelCase names as colourFromColorant gives. */
export type ColourName =
    | "matteBlack"
    | "photoBlack"
    | "lightCyan"
    | "lightMagenta"
    | "lightGray"
    | "black"
    | "cyan"
    | "magenta"
    | "yellow"
    | "gray"
    | "red"
    | "green"
    | "blue"
    | "white";

/** IANA PrtMarkerSuppliesTypeTC names that a description can give away. */
export type TypeName =
    | "wasteInk"
    | "wasteToner"
    | "cleanerUnit"
    | "opc"
    | "fuser"
    | "developer"
    | "transferUnit"
    | "staples"
    | "toner"
    | "ink";

export interface LanguageWords {
    /** ISO 639-1 code. */
    lang: string;
    /** True for scripts without spaces between words: words match inside longer text. */
    substring?: boolean;
    colours: Partial<Record<ColourName, string>>;
    types: Partial<Record<TypeName, string>>;
}

/**
 * The order in which colours are looked for: longer phrases first, so that "Matte Black" is not
 * also "black" and "品红" (magenta) not also "红" (red). A matched phrase is removed before the
 * shorter ones are tried.
 */
export const COLOUR_ORDER: readonly ColourName[] = [
    "matteBlack",
    "photoBlack",
    "lightCyan",
    "lightMagenta",
    "lightGray",
    "black",
    "cyan",
    "magenta",
    "yellow",
    "gray",
    "red",
    "green",
    "blue",
    "white",
];

/**
 * The order in which types are looked for: the first that matches wins. Waste containers come
 * before what they collect ("Waste Toner Box" is not toner), units before the consumable they
 * hold ("Drum Cartridge" is not a cartridge of toner).
 */
export const TYPE_ORDER: readonly TypeName[] = [
    "wasteInk",
    "wasteToner",
    "cleanerUnit",
    "opc",
    "fuser",
    "developer",
    "transferUnit",
    "staples",
    "toner",
    "ink",
];

const en: LanguageWords = {
    lang: "en",
    colours: {
        matteBlack: "matte?[\\s-]*black",
        photoBlack: "photo[\\s-]*black",
        lightCyan: "(?:light|photo)[\\s-]*cyan",
        lightMagenta: "(?:light|photo)[\\s-]*magenta",
        lightGray: "light[\\s-]*gr[ae]y",
        black: "black",
        cyan: "cyan",
        magenta: "magenta|magneta",
        yellow: "yellow",
        gray: "gr[ae]y",
        red: "red",
        green: "green",
        blue: "blue",
        white: "white",
    },
    types: {
        wasteInk: "waste[\\s-]*ink|ink[\\s-]*waste|maintenance[\\s-]*box",
        wasteToner: "waste(?:[\\s-]*toner)?|toner[\\s-]*collection",
        cleanerUnit: "cleaner|cleaning",
        opc: "drum|opc|photo[\\s-]*conductor|photoconductive|imaging[\\s-]*unit|image[\\s-]*unit",
        fuser: "fuser|fusing|fixing",
        developer: "developer",
        transferUnit: "transfer|belt|bias",
        staples: "staples?|stapler",
        toner: "toner",
        ink: "ink",
    },
};

const de: LanguageWords = {
    lang: "de",
    colours: {
        matteBlack: "matt[\\s-]*schwarz\\p{L}*",
        photoBlack: "foto[\\s-]*schwarz\\p{L}*|photo[\\s-]*schwarz\\p{L}*",
        lightCyan: "hell[\\s-]*(?:cyan|zyan)",
        lightMagenta: "hell[\\s-]*magenta",
        lightGray: "hell[\\s-]*grau\\p{L}*",
        black: "schwarz\\p{L}*",
        cyan: "zyan|cyan",
        magenta: "magenta",
        yellow: "gelb\\p{L}*",
        gray: "grau\\p{L}*",
        red: "rot(?:e[rsn]?)?",
        green: "grün\\p{L}*",
        blue: "blau\\p{L}*",
        white: "weiß\\p{L}*|weiss\\p{L}*",
    },
    types: {
        wasteInk: "\\p{L}*resttinte\\p{L}*|\\p{L}*tintenauffang\\p{L}*|wartungs(?:box|kassette|tank)\\p{L}*",
        wasteToner: "\\p{L}*resttoner\\p{L}*|\\p{L}*tonerauffang\\p{L}*|\\p{L}*abfallbehälter\\p{L}*",
        cleanerUnit: "\\p{L}*reinigung\\p{L}*",
        opc: "\\p{L}*trommel\\p{L}*|fotoleiter\\p{L}*",
        fuser: "fixier\\p{L}*|\\p{L}*fixiereinheit",
        developer: "entwickler\\p{L}*",
        transferUnit: "transfer\\p{L}*|übertragungs\\p{L}*",
        staples: "heftklammer\\p{L}*|hefter\\p{L}*",
        toner: "toner\\p{L}*",
        ink: "tinte\\p{L}*|tintenpatrone\\p{L}*",
    },
};

const fr: LanguageWords = {
    lang: "fr",
    colours: {
        matteBlack: "noir[\\s-]*mat",
        photoBlack: "noir[\\s-]*photo",
        lightCyan: "cyan[\\s-]*clair",
        lightMagenta: "magenta[\\s-]*clair",
        lightGray: "gris[\\s-]*clair",
        black: "noire?s?",
        cyan: "cyan",
        magenta: "magenta",
        yellow: "jaunes?",
        gray: "gris",
        red: "rouges?",
        green: "verte?s?",
        blue: "bleue?s?",
        white: "blanc(?:he)?s?",
    },
    types: {
        wasteInk: "encre[\\s-]*usagée|boîte[\\s-]*de[\\s-]*maintenance",
        wasteToner: "toner[\\s-]*usagé|récupérat\\p{L}*|recuperat\\p{L}*|collecteur",
        cleanerUnit: "nettoyage",
        opc: "tambour|photoconducteur|unité[\\s-]*d'imagerie",
        fuser: "fusion|unité[\\s-]*de[\\s-]*fusion",
        developer: "développeur|developpeur|dév",
        transferUnit: "transfert|courroie",
        staples: "agrafes?",
        toner: "toner",
        ink: "encre",
    },
};

const es: LanguageWords = {
    lang: "es",
    colours: {
        matteBlack: "negr[oa][\\s-]*mate",
        photoBlack: "negr[oa][\\s-]*foto",
        lightCyan: "cian[\\s-]*claro",
        lightMagenta: "magenta[\\s-]*claro",
        lightGray: "gris[\\s-]*claro",
        black: "negr[oa]s?",
        cyan: "cian",
        magenta: "magenta",
        yellow: "amarill[oa]s?",
        gray: "gris",
        red: "roj[oa]s?",
        green: "verdes?",
        blue: "azul(?:es)?",
        white: "blanc[oa]s?",
    },
    types: {
        wasteInk: "tinta[\\s-]*residual|caja[\\s-]*de[\\s-]*mantenimiento",
        wasteToner: "t[óo]ner[\\s-]*residual|residuos?|desecho",
        cleanerUnit: "limpieza",
        opc: "tambor|unidad[\\s-]*de[\\s-]*imagen|fotoconductor",
        fuser: "fusor|unidad[\\s-]*fusora|fusi[óo]n",
        developer: "revelador",
        transferUnit: "transferencia",
        staples: "grapas?",
        toner: "t[óo]ner",
        ink: "tinta",
    },
};

const it: LanguageWords = {
    lang: "it",
    colours: {
        matteBlack: "nero[\\s-]*opaco",
        photoBlack: "nero[\\s-]*foto",
        lightCyan: "ciano[\\s-]*chiaro",
        lightMagenta: "magenta[\\s-]*chiaro",
        lightGray: "grigio[\\s-]*chiaro",
        black: "ner[oa]",
        cyan: "ciano",
        magenta: "magenta",
        yellow: "giall[oa]",
        gray: "grigi[oa]",
        red: "ross[oa]",
        green: "verde",
        blue: "blu",
        white: "bianc[oa]",
    },
    types: {
        wasteInk: "inchiostro[\\s-]*di[\\s-]*scarto",
        wasteToner: "toner[\\s-]*di[\\s-]*scarto|scarto|recupero",
        cleanerUnit: "pulizia",
        opc: "tamburo|fotoconduttore|unità[\\s-]*immagine",
        fuser: "fusore|fusione",
        developer: "sviluppatore|developer",
        transferUnit: "trasferimento",
        staples: "punti[\\s-]*metallici|graffette",
        toner: "toner",
        ink: "inchiostro|cartuccia",
    },
};

const nl: LanguageWords = {
    lang: "nl",
    colours: {
        matteBlack: "mat[\\s-]*zwart",
        photoBlack: "foto[\\s-]*zwart",
        lightCyan: "licht[\\s-]*cyaan",
        lightMagenta: "licht[\\s-]*magenta",
        lightGray: "licht[\\s-]*grijs",
        black: "zwarte?",
        cyan: "cyaan",
        magenta: "magenta",
        yellow: "geel|gele",
        gray: "grijs|grijze",
        red: "rood|rode",
        green: "groene?",
        blue: "blauwe?",
        white: "witte?",
    },
    types: {
        wasteInk: "\\p{L}*inktopvang\\p{L}*|onderhoudsbox",
        wasteToner: "\\p{L}*restoner\\p{L}*|opvangbak\\p{L}*",
        cleanerUnit: "reiniging\\p{L}*",
        opc: "drum\\p{L}*|beeldeenheid|fotogeleider",
        fuser: "fixeer\\p{L}*|fuser",
        developer: "ontwikkel\\p{L}*",
        transferUnit: "overdracht\\p{L}*|transfer\\p{L}*",
        staples: "nietjes",
        toner: "toner\\p{L}*",
        ink: "inkt\\p{L}*",
    },
};

const pt: LanguageWords = {
    lang: "pt",
    colours: {
        matteBlack: "pret[oa][\\s-]*fosc[oa]",
        photoBlack: "pret[oa][\\s-]*foto",
        lightCyan: "ciano[\\s-]*claro",
        lightMagenta: "magenta[\\s-]*claro",
        lightGray: "cinza[\\s-]*claro",
        black: "pret[oa]s?",
        cyan: "ciano",
        magenta: "magenta",
        yellow: "amarel[oa]s?",
        gray: "cinza",
        red: "vermelh[oa]",
        green: "verde",
        blue: "azul",
        white: "branc[oa]",
    },
    types: {
        wasteInk: "tinta[\\s-]*residual|caixa[\\s-]*de[\\s-]*manuten[çc][ãa]o",
        wasteToner: "toner[\\s-]*residual|res[íi]duos?",
        cleanerUnit: "limpeza",
        opc: "cilindro|fotocondutor|unidade[\\s-]*de[\\s-]*imagem",
        fuser: "fusor|unidade[\\s-]*fusora",
        developer: "revelador",
        transferUnit: "transfer[êe]ncia",
        staples: "grampos?",
        toner: "toner",
        ink: "tinta",
    },
};

const pl: LanguageWords = {
    lang: "pl",
    colours: {
        matteBlack: "czarn\\p{L}*[\\s-]*matow\\p{L}*|matow\\p{L}*[\\s-]*czarn\\p{L}*",
        photoBlack: "czarn\\p{L}*[\\s-]*foto|foto[\\s-]*czarn\\p{L}*",
        lightCyan: "jasn\\p{L}*[\\s-]*(?:cyjan|błękitn)\\p{L}*|jasnoniebiesk\\p{L}*",
        lightMagenta: "jasn\\p{L}*[\\s-]*(?:magenta|purpurow\\p{L}*)",
        lightGray: "jasnoszar\\p{L}*",
        black: "czarn\\p{L}*",
        cyan: "cyjan\\p{L}*|błękitn\\p{L}*",
        magenta: "purpurow\\p{L}*|magenta",
        yellow: "żółt\\p{L}*",
        gray: "szar\\p{L}*",
        red: "czerwon\\p{L}*",
        green: "zielon\\p{L}*",
        blue: "niebiesk\\p{L}*",
        white: "biał\\p{L}*",
    },
    types: {
        wasteInk: "zużyt\\p{L}*[\\s-]*atrament\\p{L}*",
        wasteToner: "(?:pojemnik\\p{L}*[\\s-]*na[\\s-]*)?zużyt\\p{L}*(?:[\\s-]*toner\\p{L}*)?",
        cleanerUnit: "czyszcz\\p{L}*",
        opc: "bęb\\p{L}*|moduł[\\s-]*obrazowania",
        fuser: "utrwalacz\\p{L}*|grzałk\\p{L}*",
        developer: "wywoływacz\\p{L}*",
        transferUnit: "transferow\\p{L}*|przenosz\\p{L}*",
        staples: "zszyw\\p{L}*",
        toner: "toner\\p{L}*",
        ink: "atrament\\p{L}*|tusz\\p{L}*",
    },
};

const cs: LanguageWords = {
    lang: "cs",
    colours: {
        matteBlack: "matn\\p{L}*[\\s-]*čern\\p{L}*",
        photoBlack: "foto[\\s-]*čern\\p{L}*",
        lightCyan: "světle[\\s-]*azurov\\p{L}*",
        lightMagenta: "světle[\\s-]*purpurov\\p{L}*",
        lightGray: "světle[\\s-]*šed\\p{L}*",
        black: "čern\\p{L}*",
        cyan: "azurov\\p{L}*",
        magenta: "purpurov\\p{L}*",
        yellow: "žlut\\p{L}*",
        gray: "šed\\p{L}*",
        red: "červen\\p{L}*",
        green: "zelen\\p{L}*",
        blue: "modr\\p{L}*",
        white: "bíl\\p{L}*",
    },
    types: {
        wasteInk: "odpadní[\\s-]*inkoust\\p{L}*",
        wasteToner: "odpadní\\p{L}*",
        cleanerUnit: "čisticí\\p{L}*|čištění",
        opc: "fotoválec\\p{L}*|válec|válce|zobrazovací[\\s-]*jednotk\\p{L}*",
        fuser: "fixační\\p{L}*|zapékací\\p{L}*",
        developer: "vývojnic\\p{L}*",
        transferUnit: "přenosov\\p{L}*",
        staples: "svork\\p{L}*|sponk\\p{L}*",
        toner: "toner\\p{L}*",
        ink: "inkoust\\p{L}*|náplň\\p{L}*",
    },
};

const ru: LanguageWords = {
    lang: "ru",
    colours: {
        matteBlack: "матов\\p{L}*[\\s-]*ч[её]рн(?!ил)\\p{L}*",
        photoBlack: "фото[\\s-]*ч[её]рн(?!ил)\\p{L}*",
        lightCyan: "светло[\\s-]*голуб\\p{L}*",
        lightMagenta: "светло[\\s-]*пурпурн\\p{L}*",
        lightGray: "светло[\\s-]*сер\\p{L}*",
        // чернила (ink) starts like чёрный (black).
        black: "ч[её]рн(?!ил)\\p{L}*",
        cyan: "голуб\\p{L}*|циан\\p{L}*",
        magenta: "пурпурн\\p{L}*|маджент\\p{L}*",
        yellow: "ж[её]лт\\p{L}*",
        gray: "сер(?:ый|ая|ого|ое)",
        red: "красн\\p{L}*",
        green: "зел[её]н\\p{L}*",
        blue: "син\\p{L}*",
        white: "бел\\p{L}*",
    },
    types: {
        wasteInk: "отработанн\\p{L}*[\\s-]*чернил\\p{L}*",
        wasteToner: "отработанн\\p{L}*(?:[\\s-]*тонер\\p{L}*)?|бункер\\p{L}*",
        cleanerUnit: "очистк\\p{L}*|чистящ\\p{L}*",
        opc: "\\p{L}*барабан\\p{L}*|драм\\p{L}*",
        fuser: "фьюзер\\p{L}*|печк\\p{L}*|закреплени\\p{L}*",
        developer: "девелопер\\p{L}*|проявител\\p{L}*",
        transferUnit: "перенос\\p{L}*",
        staples: "скоб\\p{L}*",
        toner: "тонер\\p{L}*",
        ink: "чернил\\p{L}*",
    },
};

/** 青 is left to Chinese, where it is cyan; Japanese printers write cyan シアン and blue ブルー. */
const ja: LanguageWords = {
    lang: "ja",
    substring: true,
    colours: {
        matteBlack: "マットブラック",
        photoBlack: "フォトブラック",
        lightCyan: "ライトシアン",
        lightMagenta: "ライトマゼンタ",
        lightGray: "ライトグレー",
        black: "ブラック|黒",
        cyan: "シアン",
        magenta: "マゼンタ",
        yellow: "イエロー|黄",
        gray: "グレー|灰",
        red: "レッド|赤",
        green: "グリーン|緑",
        blue: "ブルー",
        white: "ホワイト|白",
    },
    types: {
        wasteInk: "廃インク|メンテナンスボックス",
        wasteToner: "廃トナー|回収",
        cleanerUnit: "クリーニング|清掃",
        opc: "ドラム|感光体",
        fuser: "定着",
        developer: "現像",
        transferUnit: "転写",
        staples: "ステープル",
        toner: "トナー",
        ink: "インク",
    },
};

const zh: LanguageWords = {
    lang: "zh",
    substring: true,
    colours: {
        matteBlack: "哑光黑|消光黑",
        photoBlack: "照片黑|相片黑",
        lightCyan: "淡青|浅青|淺青",
        lightMagenta: "淡品红|淡品紅|淡洋红|淡洋紅|浅品红",
        lightGray: "淡灰|浅灰|淺灰",
        black: "黑",
        cyan: "青",
        magenta: "品红|品紅|洋红|洋紅",
        yellow: "黄|黃",
        gray: "灰",
        red: "红|紅",
        green: "绿|綠",
        blue: "蓝|藍",
        white: "白",
    },
    types: {
        wasteInk: "废墨|廢墨",
        wasteToner: "废粉|廢粉|废碳粉|廢碳粉|废墨粉|廢墨粉",
        cleanerUnit: "清洁|清潔",
        opc: "硒鼓|感光鼓|鼓",
        fuser: "定影",
        developer: "显影|顯影",
        transferUnit: "转印|轉印",
        staples: "订书钉|訂書釘|釘書針",
        toner: "碳粉|墨粉|粉盒",
        ink: "墨水|墨盒",
    },
};

const ko: LanguageWords = {
    lang: "ko",
    substring: true,
    colours: {
        matteBlack: "매트[\\s-]*블랙",
        photoBlack: "포토[\\s-]*블랙",
        lightCyan: "라이트[\\s-]*시안",
        lightMagenta: "라이트[\\s-]*마젠타",
        lightGray: "라이트[\\s-]*그레이",
        black: "검정|블랙|흑색",
        cyan: "시안|청록",
        magenta: "마젠타",
        yellow: "노랑|옐로우|황색",
        gray: "회색|그레이",
        red: "빨강|레드|적색",
        green: "초록|그린|녹색",
        blue: "파랑|블루|청색",
        white: "흰색|화이트",
    },
    types: {
        wasteInk: "폐잉크",
        wasteToner: "폐토너|폐\\s*토너",
        cleanerUnit: "클리닝|청소",
        opc: "드럼|감광",
        fuser: "정착|퓨저",
        developer: "현상",
        transferUnit: "전사",
        staples: "스테이플",
        toner: "토너",
        ink: "잉크",
    },
};

/** Every language table, in no particular order: a description matches in whichever it is. */
export const LANGUAGES: readonly LanguageWords[] = [en, de, fr, es, it, nl, pt, pl, cs, ru, ja, zh, ko];
