#!/usr/bin/env bash
# Refreshes the browser libraries vendored into src/Warehouse.Web/wwwroot/lib from npm.
# Not part of the run or test commands: the output is committed. Versions are pinned here.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$REPO/src/Warehouse.Web/wwwroot/lib
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund leaflet@1.9.4 echarts@6.1.0 world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null
mkdir -p "$OUT/leaflet" "$OUT/echarts" "$OUT/world"
cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images \
  node_modules/leaflet/LICENSE "$OUT/leaflet/"
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$OUT/echarts/"
cp node_modules/zrender/LICENSE "$OUT/echarts/LICENSE.zrender"
cp node_modules/world-atlas/LICENSE "$OUT/world/LICENSE.world-atlas"
# TopoJSON -> GeoJSON (Leaflet reads GeoJSON), rounded to 0.01° (~1 km) to keep the file ~170 KB.
node -e '
const topo = require("./node_modules/world-atlas/countries-110m.json");
const { feature } = require("topojson-client");
const fc = feature(topo, topo.objects.countries);
const r = a => Array.isArray(a[0]) ? a.map(r) : [Math.round(a[0] * 100) / 100, Math.round(a[1] * 100) / 100];
fc.features.forEach(f => { f.geometry.coordinates = r(f.geometry.coordinates); });
require("fs").writeFileSync(process.argv[1], JSON.stringify(fc));
' "$OUT/world/countries-110m.geojson"
echo "vendored into $OUT"
