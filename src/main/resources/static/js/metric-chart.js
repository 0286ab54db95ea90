// Draws a metric's value against its target over time, from the numbers the server put in data-chart.
(function () {
    function draw() {
        var element = document.getElementById('metric-chart');
        if (!element || !window.echarts) return;
        var data = JSON.parse(element.dataset.chart);
        var compact = new Intl.NumberFormat(undefined, {notation: 'compact', maximumSignificantDigits: 3});
        var label = function (v) { return v == null ? '–' : compact.format(v) + data.suffix; };
        var chart = echarts.init(element, null, {renderer: 'svg'});
        chart.setOption({
            animation: false,
            grid: {left: 56, right: 16, top: 32, bottom: 28},
            legend: {top: 0, data: ['Value', 'Target']},
            tooltip: {trigger: 'axis', valueFormatter: label},
            xAxis: {type: 'category', data: data.periods},
            yAxis: {type: 'value', axisLabel: {formatter: label}},
            series: [
                {name: 'Value', type: 'line', data: data.values, symbolSize: 7, lineStyle: {width: 2.5}, color: '#2f5bd3', connectNulls: false},
                {name: 'Target', type: 'line', step: 'middle', data: data.targets, symbol: 'none', color: '#8a94a6',
                    lineStyle: {type: 'dashed', width: 1.5}}
            ]
        });
        window.addEventListener('resize', function () { chart.resize(); });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
