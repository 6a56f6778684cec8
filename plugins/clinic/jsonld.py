"""Schema.org JSON-LD built from the same structured data the page shows.

A treatment page is a ``MedicalWebPage`` about a ``TherapeuticProcedure``: unlike plain
``MedicalProcedure``, that type has the ``contraindication`` and ``adverseOutcome`` properties.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .data import Treatment
from .safety import Safety


def dumps(data: Any, *, compact: bool = False) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc.

    Escaping only ``</`` is not enough: ``<!--<script>`` inside a script element puts an
    HTML5 parser in its "double escaped" state, where ``</script>`` no longer ends the element
    and the rest of the page disappears into it. With no ``<`` left, no value can.
    """
    if compact:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def absolute(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def person(member: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Person", "name": member["name"]}
    if member.get("job_title"):
        out["jobTitle"] = member["job_title"]
    if member.get("credentials"):
        out["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": member["credentials"],
        }
    return out


def clinic(data: dict[str, Any], siteurl: str) -> dict[str, Any]:
    """``MedicalClinic`` with name, address, phone and opening hours from clinic.yaml."""
    address = data["address"]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": data["name"],
        "url": absolute(siteurl, ""),
        "telephone": data.get("phone_e164") or data["phone"],
        "email": data["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "addressLocality": address["locality"],
            "postalCode": address["postcode"],
            "addressCountry": address["country"],
        },
    }
    if address.get("region"):
        out["address"]["addressRegion"] = address["region"]
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": list(block["days"]),
            "opens": block["opens"],
            "closes": block["closes"],
        }
        for block in data.get("opening_hours") or []
    ]
    if hours:
        out["openingHoursSpecification"] = hours
    if data.get("description"):
        out["description"] = " ".join(data["description"].split())
    return out


def treatment_page(
    *,
    title: str,
    summary: str,
    url: str,
    treatment: Treatment,
    safety: Safety,
    reviewer: dict[str, Any] | None,
    last_reviewed: dt.date | None,
    clinic_data: dict[str, Any],
) -> dict[str, Any]:
    procedure: dict[str, Any] = {
        "@type": "TherapeuticProcedure",
        "name": treatment.name,
        "procedureType": f"https://schema.org/{treatment.procedure_type}",
        "howPerformed": treatment.how_performed,
        "preparation": treatment.preparation,
        "followup": " ".join(item.text for item in safety.aftercare),
        "bodyLocation": ", ".join(treatment.body_locations),
        "contraindication": [
            {"@type": "MedicalContraindication", "name": item.text}
            for item in safety.contraindications
        ],
        "adverseOutcome": [
            {"@type": "MedicalEntity", "name": item.text}
            for item in safety.side_effects_common + safety.side_effects_rare
        ],
    }
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": summary,
        "url": url,
        "about": procedure,
        "audience": {"@type": "PeopleAudience", "suggestedMinAge": 18},
        "publisher": {"@type": "MedicalClinic", "name": clinic_data["name"]},
    }
    # Only what was signed off: a draft without a valid review date or reviewer claims neither.
    if isinstance(last_reviewed, dt.date):
        page["lastReviewed"] = last_reviewed.isoformat()
    if reviewer:
        page["reviewedBy"] = person(reviewer)
    return page
