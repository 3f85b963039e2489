//! Admin reads. Every function checks the admin role on the server first.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_editor: bool,
    pub is_admin: bool,
    pub organisations: Vec<OrganisationRef>,
}

impl PersonSummary {
    pub fn name(&self) -> &str {
        if self.display_name.is_empty() {
            "(no name yet)"
        } else {
            &self.display_name
        }
    }

    /// Roles in words, for lists and screen readers alike.
    pub fn roles(&self) -> String {
        super::role_labels(
            !self.organisations.is_empty(),
            self.is_editor,
            self.is_admin,
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetail {
    pub person: PersonSummary,
    /// Organisations this person could be added to.
    pub other_organisations: Vec<OrganisationRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i64,
    pub name: String,
    pub member_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetail {
    pub id: i64,
    pub name: String,
    pub members: Vec<MemberRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

#[cfg(feature = "ssr")]
fn organisations_by_person(
    memberships: &[crate::server::store::organisations::MembershipRow],
    user_id: i64,
) -> Vec<OrganisationRef> {
    memberships
        .iter()
        .filter(|m| m.user_id == user_id)
        .map(|m| OrganisationRef {
            id: m.organisation_id,
            name: m.organisation_name.clone(),
        })
        .collect()
}

#[cfg(feature = "ssr")]
fn person_summary(
    row: crate::server::store::users::UserRow,
    memberships: &[crate::server::store::organisations::MembershipRow],
) -> PersonSummary {
    PersonSummary {
        organisations: organisations_by_person(memberships, row.id),
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        is_editor: row.is_editor != 0,
        is_admin: row.is_admin != 0,
    }
}

/// Everyone, with roles and organisations: two queries, however many people.
#[server]
pub async fn admin_list_people() -> Result<Vec<PersonSummary>, AppError> {
    use crate::server::{request, store};
    request::require_admin()?;
    let state = request::app_state()?;
    let people = store::users::list_all(&state.db.pool).await?;
    let memberships = store::organisations::all_memberships(&state.db.pool).await?;
    Ok(people
        .into_iter()
        .map(|row| person_summary(row, &memberships))
        .collect())
}

#[server]
pub async fn admin_get_person(id: i64) -> Result<PersonDetail, AppError> {
    use crate::server::{request, store};
    request::require_admin()?;
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let row = store::users::find_by_id(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = store::organisations::memberships_of_user(pool, id).await?;
    let person = person_summary(row, &memberships);
    let other_organisations = store::organisations::list(pool)
        .await?
        .into_iter()
        .filter(|o| !person.organisations.iter().any(|m| m.id == o.id))
        .map(|o| OrganisationRef {
            id: o.id,
            name: o.name,
        })
        .collect();
    Ok(PersonDetail {
        person,
        other_organisations,
    })
}

#[server]
pub async fn admin_list_organisations() -> Result<Vec<OrganisationSummary>, AppError> {
    use crate::server::{request, store};
    request::require_admin()?;
    let state = request::app_state()?;
    Ok(store::organisations::list(&state.db.pool)
        .await?
        .into_iter()
        .map(|o| OrganisationSummary {
            id: o.id,
            name: o.name,
            member_count: o.member_count,
        })
        .collect())
}

#[server]
pub async fn admin_get_organisation(id: i64) -> Result<OrganisationDetail, AppError> {
    use crate::server::{request, store};
    request::require_admin()?;
    let state = request::app_state()?;
    let pool = &state.db.pool;
    let organisation = store::organisations::find(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = store::organisations::members_of(pool, id)
        .await?
        .into_iter()
        .map(|m| MemberRef {
            user_id: m.user_id,
            name: m.display_name,
            email: m.email,
        })
        .collect();
    Ok(OrganisationDetail {
        id: organisation.id,
        name: organisation.name,
        members,
    })
}
