#!/usr/bin/env python3
"""What OpenCTI and MISP keep of attrib's STIX bundles, checked offline with their own code.

Usage: stix-consumers.py BUNDLE.json...            check each bundle, print what each tool kept
       stix-consumers.py --self-test BUNDLE.json... also break each bundle the ways the checks
                                                   are for, and fail unless every break is caught

Run by scripts/conformance on every case, in its virtualenv (pycti and misp-stix pinned there).

OpenCTI (pycti): the bundle goes through `OpenCTIStix2Splitter.split_bundle_with_expectations`
as OpenCTI's worker calls it (no clean-up of inconsistent bundles); then every object gets the id
OpenCTI gives it (pycti's `generate_id` of its type): OpenCTI keeps one object per id. Fails when
  - the splitter leaves an object out (incompatible), or drops a reference between objects (it may
    drop one side of two objects that name each other: the other side keeps them together);
  - a source is lost: an external reference the splitter drops (OpenCTI keys a reference on its
    `url`, or on `source_name` with `external_id`), or one whose address is only in its text;
  - two different sources become one external reference;
  - claimants merge: a claimant's relationship (one with `created_by_ref`) is of one type between
    the same two objects as another relationship (OpenCTI's id for a relationship is its type, its
    two ends and its times; its platform also merges relationships whose times are close: this is
    the strictest reading), and no note of the same claimant, alone under its own OpenCTI id, holds
    it and says what it says (its description);
  - any other object shares its OpenCTI id with another (a relationship without an author
    excepted: it says the same whoever holds it).
MISP (misp-stix, its STIX 2.1 import with its defaults): fails when
  - the bundle does not make exactly one MISP event;
  - a note or opinion of the bundle is not in the event (an analyst note or opinion on the
    event, an attribute or an object);
  - a source cited in the bundle is nowhere in the event;
  - misp-stix reports an error or a warning.
"""

import copy
import json
import os
import re
import sys
import tempfile
from collections import defaultdict

import pycti
from pycti.entities.opencti_attack_pattern import AttackPattern
from pycti.entities.opencti_campaign import Campaign
from pycti.entities.opencti_grouping import Grouping
from pycti.entities.opencti_identity import Identity
from pycti.entities.opencti_intrusion_set import IntrusionSet
from pycti.entities.opencti_location import Location
from pycti.entities.opencti_note import Note
from pycti.entities.opencti_opinion import Opinion
from pycti.entities.opencti_report import Report
from pycti.entities.opencti_stix_core_relationship import StixCoreRelationship
from pycti.entities.opencti_threat_actor import ThreatActor
from pycti.entities.opencti_vulnerability import Vulnerability
from pycti.utils.opencti_stix2_identifier import external_reference_generate_id
from pycti.utils.opencti_stix2_splitter import OpenCTIStix2Splitter

import misp_stix_converter
from misp_stix_converter.misp_stix_converter import (
    get_stix2_parser,
    is_stix2_from_misp,
    load_stix2_file,
)

ADDRESS = re.compile(r"https?://[^\s\"'<>)]+")


def opencti_id(o):
    """The id OpenCTI gives a STIX object (its "standard id"), from pycti's own functions."""
    t = o["type"]
    if t == "relationship":
        return StixCoreRelationship.generate_id_from_data(o)
    if t == "report":
        return Report.generate_id(o["name"], o["published"])
    if t == "grouping":
        return Grouping.generate_id(o["name"], o["context"], o.get("created"))
    if t == "note":
        # OpenCTI reads the abstract as `attribute_abstract`; leaving it out is the stricter test.
        return Note.generate_id(o.get("created"), o["content"])
    if t == "opinion":
        return Opinion.generate_id(o.get("created"), o["opinion"])
    if t == "identity":
        return Identity.generate_id(o["name"], o["identity_class"])
    if t == "campaign":
        return Campaign.generate_id(o["name"])
    if t == "intrusion-set":
        return IntrusionSet.generate_id(o["name"])
    if t == "threat-actor":
        return ThreatActor.generate_id(o["name"], "Threat-Actor-Group")
    if t == "location":
        return Location.generate_id(o["name"], "Country" if "country" in o else None)
    if t == "vulnerability":
        return Vulnerability.generate_id(o["name"])
    if t == "attack-pattern":
        mitre = [r.get("external_id") for r in o.get("external_references", []) if r.get("source_name") == "mitre-attack"]
        return AttackPattern.generate_id(o["name"], mitre[0] if mitre else None)
    return o["id"]


def reference_key(r):
    return (r.get("source_name"), r.get("external_id"), r.get("url"), r.get("description"))


def opencti(bundle):
    """What OpenCTI keeps: (figures, failures)."""
    failures = []
    objects = bundle["objects"]
    splitter = OpenCTIStix2Splitter()
    _, incompatible, bundles = splitter.split_bundle_with_expectations(copy.deepcopy(bundle), False, None)
    for o in incompatible:
        failures.append(f"the splitter leaves {o['id']} out (incompatible)")
    kept = {}
    for b in bundles:
        for o in b["objects"]:
            kept[o["id"]] = o

    # References between objects: the splitter breaks cycles by dropping one side of a pair of
    # objects that name each other; any other reference it drops is lost.
    def refs(o):
        for key, value in o.items():
            if key.endswith("_refs"):
                yield from ((key, r) for r in value or [])
            elif key.endswith("_ref") and value:
                yield key, value

    for o in objects:
        after = set(refs(kept.get(o["id"], {})))
        for key, r in refs(o):
            if (key, r) in after:
                continue
            back = any(target == o["id"] for _, target in refs(kept.get(r, {})))
            if not back:
                failures.append(f"the splitter drops {o['id']}'s {key} to {r}")

    # Sources: every external reference must survive with an id, its address in a keyed field.
    given = {}  # reference key → the OpenCTI id it gets (None: dropped)
    for o in objects:
        for r in o.get("external_references", []):
            given[reference_key(r)] = external_reference_generate_id(
                url=r.get("url"), source_name=r.get("source_name"), external_id=r.get("external_id")
            )
            where = " ".join(str(r.get(k) or "") for k in ("url", "external_id"))
            for address in ADDRESS.findall(r.get("description") or ""):
                if address not in where:
                    failures.append(
                        f"{o['id']}: the address {address} is only in the description of a reference "
                        "(OpenCTI keys a reference on its url or external_id)"
                    )
    after = set()
    for o in kept.values():
        for r in o.get("external_references", []):
            after.add(reference_key(r))
    dropped = [k for k, v in given.items() if v is None or k not in after]
    for k in dropped:
        failures.append(f"the source {k[0]!r} ({(k[3] or '')[:60]!r}) is dropped: no url and no external_id")
    by_id = defaultdict(set)
    for k, v in given.items():
        if v is not None:
            by_id[v].add(k)
    for v, ks in by_id.items():
        if len(ks) > 1:
            failures.append(f"{len(ks)} different sources become one external reference in OpenCTI: {sorted(k[0] or '' for k in ks)}")
    sources_in = len(given)
    sources_kept = len({v for k, v in given.items() if v is not None and k in after})

    # Merges under OpenCTI's ids. A relationship's id is made of its type, the OpenCTI ids of its
    # two ends and its times; OpenCTI's platform also merges relationships of one type between
    # the same two objects whose times are close, so the claimants' check takes the strictest
    # reading: one type between the same two objects, whatever the times.
    octi = {i: opencti_id(o) for i, o in kept.items() if o["type"] != "relationship"}
    end = lambda ref: octi.get(ref, ref)  # noqa: E731
    blind = {}
    for i, o in kept.items():
        if o["type"] == "relationship":
            octi[i] = StixCoreRelationship.generate_id(
                o["relationship_type"], end(o["source_ref"]), end(o["target_ref"]), o.get("start_time"), o.get("stop_time")
            )
            blind[i] = (o["relationship_type"], end(o["source_ref"]), end(o["target_ref"]))
    blind_groups = defaultdict(list)
    for i, k in blind.items():
        blind_groups[k].append(i)
    groups = defaultdict(list)
    for i, x in octi.items():
        groups[x].append(i)
    alone = lambda i: len(groups[octi[i]]) == 1  # noqa: E731
    holders = defaultdict(list)  # object → the notes that hold it
    for i, o in kept.items():
        if o["type"] == "note":
            for r in o.get("object_refs", []):
                holders[r].append(o)
    claimants_in = 0
    merged_claimants = []
    for i, o in kept.items():
        by = o.get("created_by_ref")
        if by:
            claimants_in += 1
        if o["type"] == "relationship":
            others = [j for j in blind_groups[blind[i]] if j != i]
            if not by or not others:
                continue
            if any(
                n.get("created_by_ref") == by and alone(n["id"]) and (o.get("description") or "") in n.get("content", "")
                for n in holders[i]
            ):
                continue
            merged_claimants.append(i)
            same = "and start_time " if not alone(i) else ""
            failures.append(
                f"claimants merge: {i} (by {by}) and {', '.join(others)} are relationships of one type between "
                f"the same two objects {same}in OpenCTI, and no note of its claimant holds it and says what it says"
            )
            continue
        if alone(i):
            continue
        others = [j for j in groups[octi[i]] if j != i]
        if by:
            merged_claimants.append(i)
        failures.append(f"{i} and {', '.join(others)} are one {o['type']} in OpenCTI (the same id)")
    relationships = [i for i, o in kept.items() if o["type"] == "relationship"]
    figures = {
        "sources": sources_in,
        "sources_kept": sources_kept,
        "objects": len(objects),
        "objects_kept": len(set(octi.values())),
        "relationships": len(relationships),
        "relationships_kept": len({octi[i] for i in relationships}),
        "relationships_blind": len({blind[i] for i in relationships}),
        "references": sum(len(o.get("external_references", [])) for o in objects),
        "references_kept": sum(len(o.get("external_references", [])) for o in kept.values()),
        "by_claimants": claimants_in,
        "claimants_merged": len(merged_claimants),
    }
    return figures, failures


def analyst_texts(layer):
    """The analyst notes' and opinions' texts on an event, attribute or object (and below)."""
    out = [n.get("note", "") for n in layer.get("Note", [])]
    out += [o.get("comment", "") for o in layer.get("Opinion", [])]
    for a in layer.get("Attribute", []):
        out += analyst_texts(a)
    for o in layer.get("Object", []):
        out += analyst_texts(o)
    return out


def misp(path, bundle):
    """What MISP keeps: (figures, failures)."""
    failures = []
    invalid = {}
    loaded = load_stix2_file(path, invalid)
    for k, v in invalid.items():
        failures.append(f"misp-stix could not load {k}: {v}")
    parser_class, args = get_stix2_parser(
        is_stix2_from_misp(loaded.objects), 0, None, None, None, False, False, False, None, 0, None
    )
    parser = parser_class()
    parser.load_stix_bundle(loaded, invalid_objects=invalid)
    parser.parse_stix_bundle(**args)
    events = [parser.misp_event] if parser.single_event else list(parser.misp_events)
    if len(events) != 1:
        failures.append(f"misp-stix makes {len(events)} MISP events of the case, not one")
    for kind in ("errors", "warnings"):
        for where, messages in (getattr(parser, kind, None) or {}).items():
            for message in sorted(set(messages)):
                failures.append(f"misp-stix {kind[:-1]} ({where}): {message}")
    dumped = [json.loads(e.to_json()) for e in events]
    texts = set()
    for e in dumped:
        texts.update(analyst_texts(e))
    everything = json.dumps(dumped, ensure_ascii=False)
    notes = [o for o in bundle["objects"] if o["type"] in ("note", "opinion")]
    lost = []
    for o in notes:
        text = o.get("content") if o["type"] == "note" else o.get("explanation", "")
        if text not in texts:
            lost.append(o["id"])
            failures.append(f"MISP loses the {o['type']} {o['id']} ({(o.get('abstract') or text or '')[:60]!r})")
    sources = set()
    for o in bundle["objects"]:
        for r in o.get("external_references", []):
            key = r.get("url") or r.get("external_id")
            if key:
                sources.add(key)
    lost_sources = sorted(s for s in sources if s not in everything)
    for s in lost_sources:
        failures.append(f"MISP loses the source {s}")
    figures = {
        "events": len(events),
        "notes": len(notes),
        "notes_kept": len(notes) - len(lost),
        "sources": len(sources),
        "sources_kept": len(sources) - len(lost_sources),
    }
    return figures, failures


def check(path):
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    o_fig, o_fail = opencti(bundle)
    m_fig, m_fail = misp(path, bundle)
    return bundle, o_fig, o_fail, m_fig, m_fail


def summary(name, o, m):
    return (
        f"{name}: OpenCTI (pycti {pycti.__version__}): {o['sources_kept']} of {o['sources']} sources kept "
        f"({o['references_kept']} of {o['references']} external references); "
        f"{o['relationships']} relationships become {o['relationships_kept']} "
        f"({o['relationships_blind']} whatever their times); "
        f"{o['claimants_merged']} of {o['by_claimants']} claimants' objects merged | "
        f"MISP (misp-stix {misp_stix_converter.__version__}): {m['events']} event(s); "
        f"{m['notes_kept']} of {m['notes']} notes and opinions kept; "
        f"{m['sources_kept']} of {m['sources']} sources kept"
    )


# Ways to break a bundle, each of which one check must catch (--self-test).
def address_in_description(b):
    """Today's shape before this check: each source's address in the description only."""
    hit = False
    for o in b["objects"]:
        for r in o.get("external_references", []):
            if r.get("external_id", "").startswith("http"):
                r["description"] = f"{r.get('description', '')} — {r.pop('external_id')}"
                hit = True
    return hit


def second_claimant_same_day(b):
    """Another claimant attributes the same thing on the same day, and no note of theirs holds it."""
    identities = [o["id"] for o in b["objects"] if o["type"] == "identity"]
    for o in b["objects"]:
        if o["type"] == "relationship" and o.get("created_by_ref"):
            other = next((i for i in identities if i != o["created_by_ref"]), None)
            if other is None:
                return False
            twin = copy.deepcopy(o)
            twin["id"] = "relationship--" + "0" * 8 + o["id"][len("relationship--") + 8:]
            twin["created_by_ref"] = other
            b["objects"].append(twin)
            return True
    return False


def notes_off_the_case(b):
    """Notes and opinions that name only what MISP makes no event, attribute or object of."""
    reports = {o["id"] for o in b["objects"] if o["type"] == "report"}
    hit = False
    for o in b["objects"]:
        if o["type"] in ("note", "opinion"):
            kept = [r for r in o["object_refs"] if r not in reports]
            hit = hit or len(kept) < len(o["object_refs"])
            o["object_refs"] = kept or o["object_refs"]
    return hit


def report_per_source(b):
    """A report per source: one MISP event each."""
    reports = [o for o in b["objects"] if o["type"] == "report"]
    if not reports:
        return False
    extra = copy.deepcopy(reports[0])
    extra["id"] = "report--" + "0" * 8 + extra["id"][len("report--") + 8:]
    extra["name"] += " (copy)"
    b["objects"].append(extra)
    return True


BREAKS = [address_in_description, second_claimant_same_day, notes_off_the_case, report_per_source]


def main(argv):
    self_test = "--self-test" in argv
    paths = [a for a in argv if a != "--self-test"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        bundle, o, o_fail, m, m_fail = check(path)
        print(summary(name, o, m))
        for f in o_fail + m_fail:
            print(f"  FAIL {name}: {f}", file=sys.stderr)
            failed = True
        if not self_test:
            continue
        for brk in BREAKS:
            broken = copy.deepcopy(bundle)
            if not brk(broken):
                continue
            with tempfile.TemporaryDirectory() as tmp:
                where = os.path.join(tmp, f"{brk.__name__}.json")
                with open(where, "w", encoding="utf-8") as f:
                    json.dump(broken, f)
                _, _, bo, _, bm = check(where)
            if bo or bm:
                print(f"  self-test {name}: {brk.__name__}: caught ({(bo + bm)[0][:100]})")
            else:
                print(f"  FAIL {name}: self-test {brk.__name__}: the checks pass a broken bundle", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
