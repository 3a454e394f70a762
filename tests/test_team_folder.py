"""A real team's folder: what Macs, Windows and editors leave in it builds, and campaign.yml's addresses are safe."""
from __future__ import annotations

import pytest
from campaign.content.leftovers import is_leftover

@pytest.mark.parametrize("name", [".DS_Store", "Thumbs.db", "thumbs.db", "desktop.ini", "~$card.nl.md", "card.nl.md~",
                                  ".card.nl.md.swp", "#card.nl.md#", ".~lock.card.nl.md#", "._card.nl.md", ".git",
                                  "__MACOSX", "card.nl.md.bak", "4913"])
def test_editor_and_system_files_are_leftovers(name: str) -> None:
    assert is_leftover(name)


@pytest.mark.parametrize("name", ["card.nl.md", "cards", "campaign.yml", "fa.po", "myria.svg", "NotoSans.ttf"])
def test_the_teams_own_files_are_not(name: str) -> None:
    assert not is_leftover(name)
