/* The site's only script. Everything it does also works without it: the exit links are real
   links, the menu is a <details> element, and both sides of each card are shown one after the other. */
(function () {
  "use strict";

  /* --- Quick exit ---------------------------------------------------------------------
     A click on an exit link, or Shift pressed on its own 3 times within 5 seconds, hides the
     page at once and replaces it in the history (location.replace), so Back does not return.

     A press counts when Shift goes up with no other key pressed meanwhile and no other modifier
     held: Shift+Tab, Shift+arrow, a capital letter, or a screen reader's own Control+Option+Shift…
     commands never count. A screen reader that keeps a Shift+letter command to itself (Shift+H: the
     previous heading) lets the page see Shift alone, and that does count: so the first press only
     lights a dot, and the status is announced from the second press on, when one more press would
     leave (any other key cancels). */
  var bar = document.querySelector("[data-exit-bar]");
  var exitLink = document.querySelector("a.exit[data-exit]");
  var status = bar.querySelector("[data-exit-status]");
  var presses = 0;
  var timer = null;
  var shiftAlone = false;

  function leave() {
    var overlay = document.createElement("div");
    overlay.className = "exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.classList.add("is-leaving");
    document.body.appendChild(overlay);
    overlay.textContent = bar.getAttribute("data-leaving");
    window.location.replace(exitLink.href);
  }

  function reset(message) {
    presses = 0;
    window.clearTimeout(timer);
    bar.setAttribute("data-presses", "0");
    status.textContent = message || "";
  }

  function modified(event) {
    return event.ctrlKey || event.altKey || event.metaKey;
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
    if (event.key === "Shift") {
      if (!event.repeat) { shiftAlone = !modified(event); }
      return;
    }
    shiftAlone = false;
    if (presses) { reset(); }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    var counts = shiftAlone && !modified(event);
    shiftAlone = false;
    if (!counts) {
      if (presses) { reset(); }
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      reset();
      leave();
      return;
    }
    bar.setAttribute("data-presses", String(presses));
    status.textContent = presses === 2 ? bar.getAttribute("data-status-1") : "";
    timer = window.setTimeout(function () {
      /* Say it was cancelled only to someone who heard it start. */
      reset(presses === 2 ? bar.getAttribute("data-status-expired") : "");
    }, 5000);
  }, true);

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    /* Back to a page kept in the back-forward cache: show it again. */
    var overlay = document.querySelector(".exit-overlay");
    if (overlay) { overlay.parentNode.removeChild(overlay); }
    document.body.classList.remove("is-leaving");
    reset();
  });

  /* The sticky bar's real height (it grows with larger text), kept free above whatever gets focus. */
  function reserveBar() {
    document.documentElement.style.setProperty("--exit-bar-height", bar.getBoundingClientRect().height + "px");
  }
  reserveBar();
  window.addEventListener("resize", reserveBar);

  /* --- Navigation ------------------------------------------------------------------------
     Wide screens show the menu open through CSS (::details-content); a browser without it
     opens the <details> here instead. */
  var nav = document.querySelector("[data-site-nav]");
  if (nav && !(window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) &&
      window.matchMedia("(min-width: 48rem)").matches) {
    nav.open = true;
  }

  /* --- Two-sided cards ------------------------------------------------------------------ */
  function setSide(card, side, turned) {
    var other = side === "promise" ? "reality" : "promise";
    var shown = card.querySelector('[data-side="' + side + '"]');
    shown.hidden = false;
    card.querySelector('[data-side="' + other + '"]').hidden = true;
    var button = card.querySelector(".card-turn");
    button.querySelector("[data-turn-label]").textContent = button.getAttribute("data-label-" + side);
    button.setAttribute("data-showing", side);
    if (turned) {
      /* The side now shown is read next: focus on its title, and a polite word on which side it is. */
      shown.querySelector(".side-title").focus();
      var cardStatus = card.querySelector("[data-card-status]");
      cardStatus.textContent = cardStatus.getAttribute("data-status-" + side);
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
