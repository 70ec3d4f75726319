"""Imported by the fork server before it forks record workers: the built-in rules compiled
once there (0.4 s), so that every worker it forks starts with them instead of compiling its own."""

from __future__ import annotations

from ..rules.ruleset import RuleSet

RuleSet.default()
