"""The cases page (the user's cases, a new case) and evidence: upload with a read report, download."""

from __future__ import annotations

import re
import threading
import unicodedata
from contextlib import closing
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from filiere.case import Case
from filiere.errors import FiliereError, UsageError
from filiere.i18n import tr
from filiere.ingest import registry
from filiere.ingest.pipeline import Settings
from filiere.store import evidence as evidence_store
from filiere.store import users
from filiere.store.webqueries.overview import evidence_count
from filiere.types.moment import DEFAULT_TZ, zone
from filiere.web.access import CASE_NAME, CaseDep, SessionDep, WriterDep, case_names, config
from filiere.web.render import respond
from filiere.web.uploads import Upload, receive

router = APIRouter()
SHA256 = re.compile(r"[0-9a-f]{64}")


def _summary(cfg_dir: Any, name: str) -> dict[str, Any]:
    try:
        with Case.open(cfg_dir / name) as case:
            meta = case.meta()
            return {"name": name, "title": meta.get("title", name), "reference": meta.get("reference", ""),
                    "created_at": meta.get("created_at", ""), "evidence": evidence_count(case.conn)}  # fmt: skip
    except FiliereError as exc:
        return {"name": name, "title": name, "reference": "", "created_at": "", "evidence": None, "error": str(exc)}


@router.get("/cases")
@router.get("/cases.json")
def cases_page(request: Request, who: SessionDep) -> Response:
    cfg = config(request)
    with closing(users.open_users(cfg.cases_dir)) as conn:
        allowed = set(users.cases_of(conn, who.user))
    listed = [_summary(cfg.cases_dir, name) for name in case_names(cfg.cases_dir) if name in allowed]
    return respond(request, "cases.html", {"cases": listed, "can_create": who.user.can_write})


def _folder_name(title: str, taken: set[str]) -> str:
    """A folder name from the title: ASCII letters, digits and dashes, made unique."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:48] or "affaire"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


@router.post("/cases")
def create_case(
    request: Request, who: WriterDep, title: Annotated[str, Form()], reference: Annotated[str, Form()] = ""
) -> Response:
    cfg = config(request)
    title = title.strip()
    if not title or len(title) > 200:
        raise UsageError(tr("intitulé manquant ou trop long (200 caractères au plus)",
                            "title missing or too long (200 characters at most)"))  # fmt: skip
    taken = {p.name for p in cfg.cases_dir.iterdir()}
    name = _folder_name(title, taken)
    assert CASE_NAME.fullmatch(name)
    with Case.create(cfg.cases_dir / name, title=title, reference=reference.strip() or None, actor=who.user.name):
        pass
    with closing(users.open_users(cfg.cases_dir)) as conn:
        users.grant(conn, who.user.name, name, by=who.user.name)
    return RedirectResponse(f"/cases/{name}", status_code=303)


def _case_lock(request: Request, name: str) -> threading.Lock:
    with request.app.state.case_locks_guard:
        lock: threading.Lock = request.app.state.case_locks.setdefault(name, threading.Lock())
    return lock


def formats() -> list[str]:
    return sorted(reader.name for reader in registry.readers())


@router.post("/cases/{case:case}/evidence")
async def upload(request: Request, ref: CaseDep, who: WriterDep) -> Response:
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not files:
        raise UsageError(tr("aucun fichier envoyé", "no file sent"))
    tz = str(form.get("tz") or DEFAULT_TZ)
    zone(tz)
    fmt = str(form.get("format") or "") or None
    if fmt is not None and fmt not in formats():
        raise UsageError(tr(f"format inconnu : {fmt}", f"unknown format: {fmt}"))
    source_ref = str(form.get("source_ref") or "").strip() or None
    settings = Settings(format=fmt, tz=tz)
    uploads = [Upload(f.filename or "", f.file) for f in files]
    lock = _case_lock(request, ref.name)

    def work() -> list[dict[str, Any]]:
        with ref.acting() as case:
            return receive(case, config(request).cases_dir, lock, uploads, settings=settings,
                           source_ref=source_ref, actor=who.user.name)  # fmt: skip

    try:
        reports = await run_in_threadpool(work)
    finally:
        for f in files:
            await f.close()
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"case": ref.name, "reports": reports})
    return respond(request, "upload_report.html", {"case": ref.name, "reports": reports})


@router.get("/cases/{case:case}/evidence/{sha256}")
def download(sha256: str, ref: CaseDep) -> Response:
    """The original file, always as a download: evidence is never rendered by the browser."""
    if not SHA256.fullmatch(sha256):
        raise HTTPException(status_code=404)
    with ref.acting() as case:
        row = evidence_store.get(case.conn, sha256)
        if row is None:
            raise HTTPException(status_code=404)
        case.record("web.download", {"sha256": sha256, "name": row.name}, ref.user.name)
        path = case.evidence_path(sha256)
    return FileResponse(path, media_type="application/octet-stream", filename=row.name,
                        content_disposition_type="attachment")  # fmt: skip
