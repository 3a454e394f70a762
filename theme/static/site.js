/* Turns the two-sided cards. Without this script both sides are simply shown in turn. */
(function () {
  "use strict";

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
