// Shared map helpers (Leaflet). Every map starts from the bundled country outlines so it is useful
// offline; online OpenStreetMap tiles are added on top only when a probe tile actually loads, so a
// user without internet never sees a grey map full of broken images.
window.whMaps = (function () {
  const maps = {};
  let worldPromise = null;
  let tilesReachable = null; // null = not probed yet

  function loadWorld() {
    if (!worldPromise) {
      worldPromise = fetch('/lib/world/countries-110m.geojson')
        .then(r => (r.ok ? r.json() : null))
        .catch(() => null);
    }
    return worldPromise;
  }

  function probeTiles() {
    if (tilesReachable !== null) return Promise.resolve(tilesReachable);
    return new Promise(resolve => {
      const img = new Image();
      const timer = setTimeout(() => { tilesReachable = false; resolve(false); }, 2500);
      img.onload = () => { clearTimeout(timer); tilesReachable = true; resolve(true); };
      img.onerror = () => { clearTimeout(timer); tilesReachable = false; resolve(false); };
      img.src = 'https://tile.openstreetmap.org/0/0/0.png';
    });
  }

  // options: { center: [lat, lon], zoom, onClick: dotNetRef method name (optional) }
  function create(elementId, options) {
    const el = document.getElementById(elementId);
    if (!el || typeof L === 'undefined') return null;
    if (maps[elementId]) { maps[elementId].map.remove(); delete maps[elementId]; }
    const opts = options || {};
    const map = L.map(el, { worldCopyJump: true, attributionControl: true })
      .setView(opts.center || [30, 60], opts.zoom || 2);
    const entry = { map, layers: L.layerGroup().addTo(map) };
    maps[elementId] = entry;
    loadWorld().then(world => {
      if (!world || !maps[elementId]) return;
      L.geoJSON(world, {
        style: { color: '#7a8a99', weight: 0.6, fillColor: '#e8eef3', fillOpacity: 1 },
        interactive: false
      }).addTo(map).bringToBack();
    });
    probeTiles().then(ok => {
      if (!ok || !maps[elementId]) return;
      L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 18,
        attribution: '&copy; OpenStreetMap contributors'
      }).addTo(map);
    });
    el.dataset.mapReady = 'true';
    return entry;
  }

  function escapeHtml(s) {
    return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // markers: [{ lat, lon, label, kind: 'warehouse' | 'hub' | 'point', href }]
  // circle: { lat, lon, radiusKm } or null; polygon: [[lat, lon], …] or null (a searched area)
  function show(elementId, markers, circle, fit, polygon) {
    const entry = maps[elementId] || create(elementId, {});
    if (!entry) return;
    entry.layers.clearLayers();
    const bounds = [];
    (markers || []).forEach(m => {
      const style = m.kind === 'hub'
        ? { radius: 6, color: '#b45309', fillColor: '#f59e0b', fillOpacity: 0.9, weight: 2 }
        : { radius: 7, color: '#1d4ed8', fillColor: '#3b82f6', fillOpacity: 0.9, weight: 2 };
      const marker = L.circleMarker([m.lat, m.lon], style).addTo(entry.layers);
      const text = m.href ? `<a href="${escapeHtml(m.href)}">${escapeHtml(m.label)}</a>` : escapeHtml(m.label);
      marker.bindPopup(text);
      marker.bindTooltip(escapeHtml(m.label));
      // Already on the map here, so its element exists: tag it by kind (tests and styles tell warehouses from hubs).
      const markerElement = marker.getElement && marker.getElement();
      if (m.kind && markerElement) markerElement.classList.add('marker-' + m.kind);
      bounds.push([m.lat, m.lon]);
    });
    if (circle) {
      const c = L.circle([circle.lat, circle.lon], { radius: circle.radiusKm * 1000, color: '#0f766e', fillOpacity: 0.08 })
        .addTo(entry.layers);
      bounds.push(c.getBounds().getNorthEast(), c.getBounds().getSouthWest());
    }
    if (polygon && polygon.length > 2) {
      const p = L.polygon(polygon, { color: '#0f766e', weight: 2, fillOpacity: 0.08 }).addTo(entry.layers);
      bounds.push(p.getBounds().getNorthEast(), p.getBounds().getSouthWest());
    }
    if (fit !== false && bounds.length > 0) entry.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 9 });
    const target = document.getElementById(elementId);
    target.dataset.markerCount = String((markers || []).length);
    target.dataset.warehouseMarkers = String((markers || []).filter(m => m.kind === 'warehouse').length);
    target.dataset.hubMarkers = String((markers || []).filter(m => m.kind === 'hub').length);
  }

  // Lets a form pick a point: a click moves the marker and writes lat/lon into two inputs.
  function picker(elementId, latInputId, lonInputId) {
    const entry = maps[elementId] || create(elementId, {});
    if (!entry) return;
    const latInput = document.getElementById(latInputId);
    const lonInput = document.getElementById(lonInputId);
    let marker = null;
    const place = (lat, lon) => {
      if (marker) marker.setLatLng([lat, lon]); else marker = L.marker([lat, lon]).addTo(entry.layers);
    };
    const current = [parseFloat(latInput?.value), parseFloat(lonInput?.value)];
    if (Number.isFinite(current[0]) && Number.isFinite(current[1])) {
      place(current[0], current[1]);
      entry.map.setView(current, 6);
    }
    entry.map.on('click', e => {
      const lat = Math.round(e.latlng.lat * 1e6) / 1e6;
      const lon = Math.round(L.Util.wrapNum(e.latlng.lng, [-180, 180], true) * 1e6) / 1e6;
      place(lat, lon);
      if (latInput) { latInput.value = lat; latInput.dispatchEvent(new Event('change', { bubbles: true })); }
      if (lonInput) { lonInput.value = lon; lonInput.dispatchEvent(new Event('change', { bubbles: true })); }
    });
  }

  // Server-rendered pages: <div data-map='{"markers":[...],"circle":{...}}'> is drawn on load.
  function drawDeclared() {
    document.querySelectorAll('[data-map]').forEach(el => {
      if (!el.id || el.dataset.mapReady === 'true') return;
      let spec = {};
      try { spec = JSON.parse(el.dataset.map || '{}'); } catch { spec = {}; }
      create(el.id, spec);
      show(el.id, spec.markers || [], spec.circle || null, true, spec.polygon || null);
      if (spec.picker) picker(el.id, spec.picker.lat, spec.picker.lon);
    });
  }

  document.addEventListener('DOMContentLoaded', drawDeclared);
  // Blazor enhanced navigation swaps the page without a full load.
  document.addEventListener('enhancedload', drawDeclared);
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', drawDeclared);

  return { create, show, picker, drawDeclared };
})();
