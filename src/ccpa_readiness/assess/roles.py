"""The roles the organization plays, per relationship, and the facts each role's duties are judged on.

A relationship names the channels it runs on. Business duties are judged over the channels of the
organization's own (business) relationships and the channels no relationship claims; service-provider
and contractor duties over the channels of those relationships; duties that follow an activity
(recording calls, taking cards: `anyone`) over every channel.
"""

from __future__ import annotations

import dataclasses

from ccpa_readiness.assess.models import RelationshipRole
from ccpa_readiness.catalog.models import CatalogRole, Requirement
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import Organization, Role

ROLE_WORDS = {
    "business": "a business",
    "service_provider": "a service provider",
    "contractor": "a contractor",
    "third_party": "a third party",
}


def relationships_of(organization: Organization) -> list[RelationshipRole]:
    """The declared relationships, or one per role in `roles` when none is declared."""
    if organization.relationships:
        return [
            RelationshipRole(id=r.id, role=r.role.value, client=r.client, declared=True)
            for r in organization.relationships
        ]
    return [RelationshipRole(id=role.value, role=role.value, declared=False) for role in organization.roles]


def declared_roles(organization: Organization) -> set[Role]:
    return {Role(r.role) for r in relationships_of(organization)}


def held_roles(organization: Organization, is_business: bool) -> set[CatalogRole]:
    """The catalog roles whose duties reach the organization; `anyone` always.

    The business role needs both: the CCPA reaches the organization as a business, and it acts as
    one somewhere (a business relationship, or, interpretation, a California workforce whose PI
    it controls as an employer).
    """
    roles = {CatalogRole.anyone}
    declared = declared_roles(organization)
    acts_as_business = Role.business in declared or organization.california_workforce is True
    if is_business and acts_as_business:
        roles.add(CatalogRole.business)
    roles.update(CatalogRole(role.value) for role in declared if role != Role.business)
    return roles


def governing_role(requirement: Requirement, held: set[CatalogRole]) -> CatalogRole | None:
    """The role under which the requirement binds the organization, or None when none does."""
    for role in requirement.roles:
        if role in held:
            return role
    return None


SERVING = {CatalogRole.service_provider.value, CatalogRole.contractor.value}


def _brings(relationship_role: str, role: CatalogRole) -> bool:
    """A relationship brings the duties of `role`; service provider and contractor share theirs."""
    if role.value in SERVING:
        return relationship_role in SERVING
    return relationship_role == role.value


def relationship_ids(organization: Organization, role: CatalogRole) -> list[str]:
    """The relationships whose role brings a duty of `role` (all of them for `anyone`)."""
    relationships = relationships_of(organization)
    if role == CatalogRole.anyone:
        return [r.id for r in relationships]
    return [r.id for r in relationships if _brings(r.role, role)]


def scoped_facts(facts: Facts, role: CatalogRole) -> Facts:
    """The facts a duty of `role` is judged on: its relationships' channels (see the module doc)."""
    relationships = facts.organization.organization.relationships
    if role == CatalogRole.anyone or not relationships:
        return facts
    claimed = {c for r in relationships for c in r.channels}
    own = {c for r in relationships if _brings(r.role.value, role) for c in r.channels}
    every = {c.id for c in facts.channels or []}
    scope = own | (every - claimed) if role == CatalogRole.business else own
    return dataclasses.replace(facts, channel_scope=frozenset(scope))
