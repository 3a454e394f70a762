/* The site's only script. Everything it does also works without it: the exit links are real
   links, and both sides of each card are shown one after the other. */
(function () {
  "use strict";

  /* --- Quick exit ---------------------------------------------------------------------
     A click on an exit link, or Shift pressed on its own 3 times within 5 seconds, hides the
     page at once and replaces it in the history (location.replace), so Back does not return. */
  var bar = document.querySelector("[data-exit-bar]");
  var exitLink = document.querySelector("a.exit[data-exit]");
  var presses = 0;
  var timer = null;

  function leave() {
    var overlay = document.createElement("div");
    overlay.className = "exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = bar.getAttribute("data-leaving");
    document.body.classList.add("is-leaving");
    document.body.appendChild(overlay);
    window.location.replace(exitLink.href);
  }

  function showPresses(message) {
    bar.setAttribute("data-presses", String(presses));
    bar.querySelector("[data-exit-status]").textContent = message;
  }

  function reset(message) {
    presses = 0;
    window.clearTimeout(timer);
    showPresses(message || "");
  }

  Array.prototype.forEach.call(document.querySelectorAll("a[data-exit]"), function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return;  // opening in a new tab or window: leave it to the browser
      }
      event.preventDefault();
      leave();
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      if (presses) { reset(); }
      return;
    }
    if (event.repeat) { return; }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      reset();
      leave();
      return;
    }
    showPresses(bar.getAttribute("data-status-" + (3 - presses)));
    timer = window.setTimeout(function () { reset(bar.getAttribute("data-status-expired")); }, 5000);
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    /* Back to a page kept in the back-forward cache: show it again. */
    var overlay = document.querySelector(".exit-overlay");
    if (overlay) { overlay.parentNode.removeChild(overlay); }
    document.body.classList.remove("is-leaving");
    reset();
  });

  /* --- Two-sided cards ------------------------------------------------------------------ */
  function setSide(card, side, announce) {
    var other = side === "promise" ? "reality" : "promise";
    card.querySelector('[data-side="' + side + '"]').hidden = false;
    card.querySelector('[data-side="' + other + '"]').hidden = true;
    var button = card.querySelector(".card-turn");
    button.textContent = button.getAttribute("data-label-" + side);
    button.setAttribute("data-showing", side);
    if (announce) {
      var status = card.querySelector("[data-card-status]");
      status.textContent = status.getAttribute("data-status-" + side);
    }
  }

  function setUpCard(card) {
    var button = card.querySelector(".card-turn");
    card.classList.add("is-turnable");
    button.hidden = false;
    setSide(card, "promise", false);
    button.addEventListener("click", function () {
      var showing = button.getAttribute("data-showing");
      card.classList.remove("is-turning");
      void card.offsetWidth; // restart the animation on every turn
      card.classList.add("is-turning");
      setSide(card, showing === "promise" ? "reality" : "promise", true);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-card]"), setUpCard);
})();
