"""Development builds: a page whose inputs did not change is not rendered again.

Rendering the theme costs about two milliseconds a page, so a live preview of a 1,000-page
site would spend two seconds re-rendering pages nobody edited. With ``CLINIC_RENDER_CACHE``
(on in pelicanconf.py, off in publishconf.py: a production build renders every page, and the
output check sees exactly what was rendered), each rendered file is kept in the build cache
under a key of everything it can depend on:

* the fingerprint of the build's inputs for rendering (``cache.Inputs.key("render")``: the
  plugin code, the theme, the data files, the settings, the day, the names of content's other
  files);
* the site: an index of every page — its metadata (``PageRecord.meta_digest``: title,
  summary, pictures, facts…), address and status — and the clinic's logo and brand. Any page
  may list any other (menus, the treatments list, the footer), so a change to one page's front
  matter renders every page again; a change to its text renders that page alone;
* the page itself: its source's bytes and the image files it used
  (``Reading.identity``), its address, and what the build added to it (findings, JSON-LD, the
  text with its findings marked).

A page Pelican's own reader or another plugin produced (no record) is always rendered.
"""

from __future__ import annotations

import hashlib
import logging
import os
from typing import Any

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .cache import canonical, digest
from .state import BuildState, peek

__all__ = ["CachingWriter", "RenderCache"]

KIND = "render"
logger = logging.getLogger("pelican.writers")  # Pelican's own "Writing …" lines
# What a page's own rendering depends on besides its source.
# (Its JSON-LD is made from its metadata, the data files and its address, all in the key.)
_PAGE_FIELDS = ("url", "save_as", "status", "template", "lang")


class RenderCache:
    """The keys of one run's rendered files (``BuildState`` has one after the gate)."""

    def __init__(self, state: BuildState, pages: list[Any], context: dict[str, Any]) -> None:
        self.state = state
        self.site = digest(state.cache_key(KIND), self._index(pages, context))

    def _index(self, pages: list[Any], context: dict[str, Any]) -> str:
        reading = self.state.reading
        h = hashlib.sha256()
        for page in sorted(pages, key=lambda p: str(p.source_path)):
            shown = getattr(page, "source_display_path", "")
            meta = reading.metadata.get(shown)
            if meta is None:  # not ours: describe it in full
                meta = digest(repr(canonical(page.metadata)))
            fields = [meta, str(page.source_path)]
            fields += [str(getattr(page, name, "")) for name in ("url", "save_as", "status")]
            if "summary" not in page.metadata:  # Pelican makes one from the text
                fields.append(str(page.summary))
            h.update(digest(*fields).encode())
        for name in ("LOGO", "BRAND"):
            h.update(repr(canonical(context.get(name))).encode())
        for name in ("static_links", "static_content", "generated_content"):
            h.update(repr(sorted(map(str, context.get(name) or ()))).encode())
        return h.hexdigest()

    def key(self, name: str, template: Any, kwargs: dict[str, Any], relative: bool) -> str | None:
        """The key of one file, or None when it must be rendered (something we cannot see)."""
        parts = [self.site, name, getattr(template, "name", ""), str(relative)]
        page = kwargs.get("page")
        if set(kwargs) - {"page"}:
            return None
        if page is not None:
            identity = self.state.reading.identity.get(getattr(page, "source_display_path", ""))
            if identity is None:
                return None
            parts += [identity, page._content or ""]
            parts += [str(getattr(page, f, "")) for f in _PAGE_FIELDS]
            parts.append(repr(canonical(getattr(page, "build_findings", []))))
        return digest(*parts)


class _Cached:
    """A template whose output comes from the build cache when it has it."""

    def __init__(self, template: Any, key: str, state: BuildState) -> None:
        self.template = template
        self.key = key
        self.state = state
        self.name = getattr(template, "name", None)

    def render(self, context: dict[str, Any]) -> str:
        found = self.state.cache.get(KIND, self.key)
        if isinstance(found, str):
            return found
        output = self.template.render(context)
        self.state.cache.put(KIND, self.key, output)
        return output


class CachingWriter(Writer):
    """Pelican's writer, taking each file's rendering from the cache when it can, and leaving
    a file the output folder already has as it is (``Staging.keep``, development builds)."""

    def write_file(  # noqa: PLR0913 - Pelican's signature
        self,
        name: Any,
        template: Any,
        context: Any,
        relative_urls: bool = False,
        paginated: Any = None,
        template_name: Any = None,
        override_output: bool = False,
        url: Any = None,
        **kwargs: Any,
    ) -> None:
        state = peek()
        renders = state.renders if state is not None else None
        plain = paginated is None and not template_name and bool(name)
        if renders is not None and plain:
            key = renders.key(str(name), template, kwargs, relative_urls)
            if key is not None:
                template = _Cached(template, key, state)
        staging = state.output if state is not None else None
        if plain and staging is not None and staging.keeping:
            return self._write_or_keep(
                name, template, context, relative_urls, override_output, kwargs, staging
            )
        return super().write_file(
            name,
            template,
            context,
            relative_urls=relative_urls,
            paginated=paginated,
            template_name=template_name,
            override_output=override_output,
            url=url,
            **kwargs,
        )

    def _write_or_keep(  # noqa: PLR0913
        self,
        name: str,
        template: Any,
        context: Any,
        relative_urls: bool,
        override: bool,
        kwargs: dict[str, Any],
        staging: Any,
    ) -> None:
        """Pelican's ``Writer.write_file`` for one file (pelican 4.12, writers.py), except that
        the file is not written when the output folder already has exactly these bytes."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        output = template.render(localcontext)
        path = sanitised_join(self.output_path, name)
        seen = path in self._written_files or path in self._overridden_files
        if not seen and staging.keep(path, output.encode("utf-8")):
            if override:
                self._overridden_files.add(path)
            self._written_files.add(path)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with self._open_w(path, "utf-8", override=override) as handle:
                handle.write(output)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)
