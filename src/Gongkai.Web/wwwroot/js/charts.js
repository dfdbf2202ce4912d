// Draws the trend charts with ECharts (vendored in lib/echarts). Each figure carries its data as JSON in data-chart;
// the table in the figure shows the same numbers for screen readers, print and browsers without JavaScript. Tooltips
// are drawn on the canvas (richText), because HTML tooltips carry inline styles the content-security policy refuses.
(function () {
  if (typeof echarts === 'undefined') {
    return;
  }

  document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
    var data = JSON.parse(figure.getAttribute('data-chart'));
    var box = figure.querySelector('.chart');
    if (!box || data.labels.length === 0) {
      return;
    }

    box.hidden = false;
    var chart = echarts.init(box);
    var option;
    if (data.kind === 'pie') {
      option = {
        tooltip: { renderMode: 'richText' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{
          type: 'pie',
          radius: '55%',
          data: data.labels.map(function (label, i) { return { name: label, value: data.series[0].values[i] }; })
        }]
      };
    } else {
      var units = [];
      data.series.forEach(function (s) { if (units.indexOf(s.unit) < 0) { units.push(s.unit); } });
      option = {
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        legend: { top: 0 },
        grid: { left: 48, right: units.length > 1 ? 48 : 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: data.labels },
        yAxis: units.map(function (unit, i) {
          return { type: 'value', name: unit, position: i === 0 ? 'left' : 'right', max: unit === '%' ? 100 : null, minInterval: unit === '%' ? 0 : 1 };
        }),
        series: data.series.map(function (s) {
          return { name: s.name, type: data.kind, data: s.values, yAxisIndex: units.indexOf(s.unit), connectNulls: true };
        })
      };
    }

    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
