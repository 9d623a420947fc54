// Charts (Apache ECharts) declared by server-rendered pages: <div data-chart='{...ECharts option...}'>.
// ECharts itself (about 1 MB) is fetched only when a page has such an element, and every chart has a table or
// text alternative on the page, so nothing depends on this script having run.
window.whCharts = (function () {
  const ECHARTS_SRC = '/lib/echarts/echarts.min.js';
  let loading = null;
  const charts = new Map();

  function loadECharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = ECHARTS_SRC;
        script.async = true;
        script.onload = () => resolve(window.echarts);
        script.onerror = () => { loading = null; reject(new Error('ECharts could not be loaded')); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function drawDeclared() {
    const elements = Array.from(document.querySelectorAll('[data-chart]')).filter(el => el.dataset.chartReady !== 'true');
    if (elements.length === 0) return;
    loadECharts().then(echarts => {
      elements.forEach(el => {
        if (!el.isConnected || el.dataset.chartReady === 'true') return;
        let option;
        try { option = JSON.parse(el.dataset.chart || '{}'); } catch { return; }
        // A chart with a localised aria-label of its own keeps it: ECharts' generated description is English only.
        option.aria = Object.assign({ enabled: !el.hasAttribute('aria-label') }, option.aria || {});
        const existing = echarts.getInstanceByDom(el);
        if (existing) existing.dispose();
        const chart = echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption(option);
        charts.set(el, chart);
        el.dataset.chartReady = 'true';
      });
    }).catch(() => { /* the tables beside the charts carry the same figures */ });
  }

  window.addEventListener('resize', () => {
    charts.forEach((chart, el) => { if (el.isConnected) chart.resize(); else { chart.dispose(); charts.delete(el); } });
  });
  document.addEventListener('DOMContentLoaded', drawDeclared);
  document.addEventListener('enhancedload', drawDeclared);
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', drawDeclared);
  if (document.readyState !== 'loading') drawDeclared();

  return { drawDeclared };
})();
