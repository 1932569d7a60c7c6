// Privacy-preserving embeds: the provider's player is created only when the visitor asks.
document.querySelectorAll(".video-embed[data-player-url]").forEach(function (box) {
    var button = box.querySelector(".video-embed__play");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        frame.src = box.dataset.playerUrl;
        frame.title = "Video: " + box.dataset.playerTitle;
        frame.allow = "autoplay; fullscreen; picture-in-picture";
        frame.allowFullscreen = true;
        frame.className = "video-embed__frame";
        box.replaceChildren(frame);
        frame.focus();
    });
});
