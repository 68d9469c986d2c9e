#!/usr/bin/env python3
"""Drives a client generated from /api/v1/openapi.json by openapi-python-client: lists, reads
and creates the main records of each module as an integrator would, through the generated
functions and models only (no hand-written HTTP). Run by contract.py, which generates the
package `standort_client` and sets STANDORT_URL, STANDORT_STAFF_TOKEN and STANDORT_ADMIN_TOKEN.
"""

import datetime
import os
import sys
import unittest

from standort_client import AuthenticatedClient
from standort_client.api.account import me
from standort_client.api.admin import create_user, get_user, list_audit, list_users
from standort_client.api.demography import get_region, list_regions, region_table
from standort_client.api.organisations import create_organisation, get_organisation, list_organisations
from standort_client.api.placements import (
    create_placement,
    create_programme,
    get_placement,
    get_programme_board,
    list_placements,
    list_programmes,
)
from standort_client.api.recruitment import (
    create_candidate,
    create_position,
    get_candidate,
    get_position,
    list_candidates,
    list_positions,
    search_esco,
)
from standort_client.models import (
    NewCandidateDto,
    NewOrganisationDto,
    NewOrganisationDtoKind,
    NewPlacementDto,
    NewPositionDto,
    NewProgrammeDto,
    NewUserDto,
    NewUserDtoRole,
    Problem,
)

URL = os.environ["STANDORT_URL"]


def client(token_var):
    return AuthenticatedClient(base_url=URL, token=os.environ[token_var], raise_on_unexpected_status=True)


class GeneratedClient(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.staff = client("STANDORT_STAFF_TOKEN")
        cls.admin = client("STANDORT_ADMIN_TOKEN")

    def test_account(self):
        who = me.sync(client=self.staff)
        self.assertEqual(who.email, "staff@demo.standort.example")
        self.assertEqual(who.role, "agency_staff")

    def test_organisations_list_read_create(self):
        page = list_organisations.sync(client=self.admin, limit=2)
        self.assertEqual(page.limit, 2)
        self.assertGreater(page.total, 2)
        first = get_organisation.sync(client=self.admin, id=page.items[0].id)
        self.assertEqual(first.name, page.items[0].name)
        new = create_organisation.sync(
            client=self.admin,
            body=NewOrganisationDto(name="Klinik am Generator", kind=NewOrganisationDtoKind.CLINIC, country="DE"),
        )
        self.assertEqual((new.name, new.kind, new.country), ("Klinik am Generator", "clinic", "DE"))
        self.assertEqual(get_organisation.sync(client=self.admin, id=new.id).name, "Klinik am Generator")

    def test_users_list_read_create(self):
        org = list_organisations.sync(client=self.admin).items[0]
        user = create_user.sync(
            client=self.admin,
            body=NewUserDto(
                email="generated@example.org",
                display_name="Gen Erated",
                role=NewUserDtoRole.PLANNER,
                org_id=org.id,
                password="a long enough password",
            ),
        )
        self.assertEqual(get_user.sync(client=self.admin, id=user.id).email, "generated@example.org")
        ids = [u.id for u in list_users.sync(client=self.admin, org_id=org.id, limit=200).items]
        self.assertIn(user.id, ids)

    def test_errors_are_problem_documents(self):
        nothing = get_organisation.sync_detailed(client=self.admin, id=987654)
        self.assertEqual(nothing.status_code, 404)
        self.assertIsInstance(nothing.parsed, Problem)
        self.assertEqual(nothing.parsed.status, 404)
        # A role without the feature gets the answer for what does not exist.
        refused = list_audit.sync_detailed(client=self.staff)
        self.assertEqual(refused.status_code, 404)
        self.assertIsInstance(refused.parsed, Problem)

    def test_recruitment_list_read_create(self):
        page = list_candidates.sync(client=self.staff, limit=5)
        self.assertTrue(page.items)
        profile = get_candidate.sync(client=self.staff, id=page.items[0].id)
        self.assertEqual(profile.family_name, page.items[0].family_name)
        created = create_candidate.sync(
            client=self.staff,
            body=NewCandidateDto(family_name="Nguyễn", given_names="Thị Lan", email="lan@example.org",
                                 german_level="B1", available_from=datetime.date(2027, 3, 1)),
        )
        self.assertEqual(get_candidate.sync(client=self.staff, id=created.id).given_names, "Thị Lan")
        hits = search_esco.sync(client=self.staff, q="nurse", limit=5)
        self.assertTrue(hits)
        positions = list_positions.sync(client=self.staff)
        self.assertTrue(positions.items)
        self.assertEqual(get_position.sync(client=self.staff, id=positions.items[0].id).title, positions.items[0].title)
        position = create_position.sync(
            client=self.staff,
            body=NewPositionDto(title="Pflegefachkraft (generiert)", place="Leipzig", start_date=datetime.date(2027, 4, 1),
                                org_id=positions.items[0].org_id, places=2),
        )
        self.assertEqual(get_position.sync(client=self.staff, id=position.id).places, 2)

    def test_placements_list_read_create(self):
        programmes = list_programmes.sync(client=self.staff)
        self.assertTrue(programmes.items)
        board = get_programme_board.sync(client=self.staff, id=programmes.items[0].id)
        self.assertIsInstance(board.rows, list)
        programme = create_programme.sync(
            client=self.staff, body=NewProgrammeDto(name="Kohorte Generator", target_size=12, start_date=datetime.date(2027, 1, 15))
        )
        self.assertEqual(programme.target_size, 12)
        placements = list_placements.sync(client=self.staff)
        self.assertTrue(placements.items)
        detail = get_placement.sync(client=self.staff, id=placements.items[0].id)
        self.assertTrue(detail.tracks)
        self.assertIsInstance(detail.costs, list)
        candidate = create_candidate.sync(
            client=self.staff, body=NewCandidateDto(family_name="Trần", given_names="Minh")
        )
        position = list_positions.sync(client=self.staff).items[0]
        placed = create_placement.sync(
            client=self.staff,
            body=NewPlacementDto(candidate_id=candidate.id, position_id=position.id, programme_id=programme.id),
        )
        self.assertEqual(placed.placement.candidate_id, candidate.id)
        self.assertEqual(get_placement.sync(client=self.staff, id=placed.placement.id).placement.programme_id,
                         programme.id)

    def test_demography_list_read(self):
        regions = list_regions.sync(client=self.staff, limit=50)
        self.assertTrue(regions.items)
        region = get_region.sync(client=self.staff, id=regions.items[-1].id)
        self.assertEqual(region.region.key, regions.items[-1].key)
        table = region_table.sync(client=self.staff, id=regions.items[-1].id, table="indicators")
        self.assertTrue(table.columns)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
