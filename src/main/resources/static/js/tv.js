// Shows a TV screen's slides one after the other, each for the link's seconds; a live refresh keeps the slide shown.
(function () {
    var seconds = Number(document.body.dataset.seconds) || 20;
    var shown = 0;
    function slides() { return Array.prototype.slice.call(document.querySelectorAll('[data-slide]')); }
    function show() {
        slides().forEach(function (slide, i) { slide.hidden = i !== shown; });
    }
    setInterval(function () {
        var count = slides().length;
        if (count > 1) { shown = (shown + 1) % count; show(); }
    }, seconds * 1000);
    document.addEventListener('northstar:refreshed', show);
    // A new day or period: start afresh now and then.
    setTimeout(function () { location.reload(); }, 30 * 60 * 1000);
})();
