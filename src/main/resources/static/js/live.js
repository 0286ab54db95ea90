// Keeps an open page current: refetches its live parts when a load changed the numbers, and celebrates a won deal.
(function () {
    var root = document.querySelector('[data-live]');
    if (!root || !window.EventSource) return;
    var source = new EventSource(root.dataset.live);
    var pending = null;

    source.addEventListener('changed', function () {
        // Spread over a few seconds, so that a company's open pages do not all ask at the same moment.
        if (!pending) pending = setTimeout(refresh, 500 + Math.random() * 2500);
    });
    source.addEventListener('won', function (e) {
        celebrate(JSON.parse(e.data));
    });

    function refresh() {
        pending = null;
        fetch(location.href, {headers: {'Accept': 'text/html'}, credentials: 'same-origin'})
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
                if (!html) return;
                var fresh = new DOMParser().parseFromString(html, 'text/html');
                document.querySelectorAll('[data-live-part]').forEach(function (part) {
                    var replacement = fresh.getElementById(part.id);
                    if (replacement) part.replaceWith(replacement);
                });
                document.dispatchEvent(new CustomEvent('northstar:refreshed'));
            });
    }

    var hide = null;
    function celebrate(win) {
        var box = document.getElementById('celebration');
        if (!box) return;
        box.querySelector('.text').textContent = win.text;
        box.classList.remove('pop');
        void box.offsetWidth; // restart the animation for a second win
        box.classList.add('shown', 'pop');
        clearTimeout(hide);
        hide = setTimeout(function () { box.classList.remove('shown'); }, 10000);
    }
})();
