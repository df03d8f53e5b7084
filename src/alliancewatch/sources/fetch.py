"""Getting a dataset's files onto this machine, verified: from a local mirror, an http(s) mirror, or the
publisher's own URL."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import httpx

from alliancewatch.errors import ChecksumMismatchError, FetchError, MissingFileError
from alliancewatch.registry import DatasetSpec, FileSpec

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path: Path, spec: FileSpec) -> None:
    """Refuse a file whose sha256 is not the registry's."""
    actual = sha256_file(path)
    if actual != spec.sha256:
        raise ChecksumMismatchError(
            f"{path}: sha256 {actual[:12]}… does not match the registry's {spec.sha256[:12]}… "
            f"(truncated, edited or a different version of {spec.name}); refusing to load it"
        )


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def obtain(dataset: DatasetSpec, mirror: str | None, cache_dir: Path) -> dict[str, Path]:
    """Local, verified paths of every file of ``dataset``, keyed by role.

    A local mirror is read in place; anything remote is downloaded into ``cache_dir`` first (a cached copy
    whose checksum matches is reused). Curated files shipped in the package are read from there.
    """
    paths: dict[str, Path] = {}
    for spec in dataset.files:
        if spec.package is not None:
            path = packaged_file(spec.package)
        elif mirror is not None and not is_url(mirror):
            path = Path(mirror) / spec.mirror_path
            if not path.is_file():
                raise MissingFileError(
                    f"{dataset.name}: {spec.name} is not in the mirror (looked for {path})"
                )
        else:
            url = f"{mirror.rstrip('/')}/{spec.mirror_path}" if mirror is not None else spec.url
            if url is None:
                raise FetchError(
                    f"{dataset.name}: {spec.name} has no direct download; get it from {dataset.homepage} "
                    "and pass --mirror DIR"
                )
            path = cache_dir / dataset.name / spec.name
            if not (path.is_file() and sha256_file(path) == spec.sha256):
                download(url, path)
        verify(path, spec)
        paths[spec.role] = path
    return paths


def packaged_file(relative: str) -> Path:
    """The path of a data file shipped inside the ``alliancewatch`` package (see ``FileSpec.package``)."""
    resource = resources.files("alliancewatch").joinpath(relative)
    path = Path(str(resource))
    if not path.is_file():
        raise MissingFileError(f"{relative} is missing from the installed alliancewatch package")
    return path


def download(url: str, path: Path, timeout: float = 60.0) -> None:
    """Stream ``url`` into ``path`` through a temporary file, so a failed download leaves nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            if response.status_code != httpx.codes.OK:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            with partial.open("wb") as fh:
                for chunk in response.iter_bytes(_CHUNK):
                    fh.write(chunk)
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise FetchError(f"{url}: {exc}") from exc
    partial.replace(path)
