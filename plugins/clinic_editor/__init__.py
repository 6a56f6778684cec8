"""clinic_editor: editing the site where marketers are.

* ``cms_config`` — the Decap CMS configuration, generated from the page schema, the treatment
  registry and ``clinic.yaml`` (never edited by hand; a test fails when it is stale).
* ``preview`` — builds one page being edited, in the site's theme, with its findings.
* ``server`` — the loopback server behind ``invoke edit``: the admin page, the CMS files from
  ``editor/node_modules``, and the preview and lint endpoints.
* ``run`` — ``invoke edit``: starts the server, decap-server (the CMS's local git backend) and
  the live preview, and stops them all together.
* ``signoff`` — ``invoke sign-off``: a clinical reviewer signs a page off.
* ``pageschema`` — the adapter through which all of these read the page schema.
"""
