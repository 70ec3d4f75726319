"""The `fast` engine: selectolax only. Inside the pre-pass's container, a block scorer drops
groups that are mostly links (menus, tag clouds, "read next" lists), then the container is read
into blocks (`_blocks.node_blocks`). With the learned block scorer on, the whole pruned page is
read instead (`wide_blocks`), the container and the link groups only marked on its blocks."""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from .. import settings
from ..document import WHERE_CONTAINER, WHERE_LINK_GROUP, Block
from ._blocks import node_blocks
from ._patterns import Profile


def fast_blocks(container: LexborNode, profile: Profile, notes: list[str] | None = None) -> list[Block]:
    """The container's blocks once its link groups are gone (decided on the tree, before)."""
    drop_link_groups(container, profile)
    return node_blocks(container, notes)


def wide_blocks(
    body: LexborNode, container: LexborNode | None, profile: Profile, notes: list[str] | None = None
) -> list[Block]:
    """The whole (pruned) body's blocks, each saying whether it stands in the container the
    pre-pass chose and in a link group `drop_link_groups` would remove (`Block.where`): the
    candidates of the learned block scorer, which decides with those as features rather than
    losing what the container choice and the link groups cut (a "Key results" list, a
    product's specifications, the listing around a chosen card)."""
    flags: dict[int, int] = {}
    if container is not None:
        flags[container.mem_id] = WHERE_CONTAINER
        for group in link_groups(container, profile):
            flags[group.mem_id] = flags.get(group.mem_id, 0) | WHERE_LINK_GROUP
    return node_blocks(body, notes, flags=flags)


def link_groups(container: LexborNode, profile: Profile) -> list[LexborNode]:
    """The groups `drop_link_groups` removes, found without removing them: a group's size is
    its text less that of the groups inside it already found (what is left once they go)."""
    found = []
    gone: dict[int, int] = {}
    top = container.mem_id
    for group, chars, is_links in _groups(container, profile, gone):
        if is_links:
            found.append(group)
            node = group.parent
            for _ in range(settings.MAX_ANCESTORS):
                if node is None:
                    break
                gone[node.mem_id] = gone.get(node.mem_id, 0) + chars
                if node.mem_id == top:
                    break
                node = node.parent
    return found


def _groups(
    container: LexborNode, profile: Profile, gone: dict[int, int] | None = None
) -> Iterator[tuple[LexborNode, int, bool]]:
    """Each candidate group under the container, innermost first, with its size (its text,
    less `gone` of it) and whether it is mostly short links: one test for the groups
    `drop_link_groups` removes and `link_groups` only finds. The link counts are taken once,
    before any group goes."""
    links = _link_counts(container)
    top = container.mem_id
    min_words = settings.CARD_LINK_WORDS if profile.link_weight < 0.5 else 3
    limit = settings.LINK_GROUP_MAX_SHARE * len(container.text(deep=True).strip())
    for group in reversed(container.css("ul,ol,dl,table,div,section,p,nav,menu")):
        entry = links.get(group.mem_id)
        if entry is None or group.mem_id == top:
            continue
        chars = len(group.text(deep=True).strip()) - (gone.get(group.mem_id, 0) if gone else 0)
        if chars <= 0 or chars > limit:
            continue
        link_chars, count, words = entry
        yield group, chars, link_chars / chars >= settings.LINK_DENSITY_MAX and words / count < min_words


def _link_counts(container: LexborNode) -> dict[int, list[int]]:
    """Per element up to the container: its links' characters, their number and their words."""
    links: dict[int, list[int]] = {}
    top = container.mem_id
    for a in container.css("a"):
        n = len(a.text(deep=True).strip())
        words = len(a.text(deep=True).split())
        node = a.parent
        for _ in range(settings.MAX_ANCESTORS):
            if node is None:
                break
            key = node.mem_id
            entry = links.get(key)
            if entry is None:
                links[key] = [n, 1, words]
            else:
                entry[0] += n
                entry[1] += 1
                entry[2] += words
            if key == top:
                break
            node = node.parent
    return links


def drop_link_groups(container: LexborNode, profile: Profile) -> None:
    """Remove lists, tables and groups whose text is mostly short links (innermost first, so
    an outer group is weighed without the groups already gone)."""
    for group, _, is_links in _groups(container, profile):
        if is_links:
            group.decompose()
