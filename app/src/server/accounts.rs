//! People and organisations: someone's own account (name, email choices, what the header
//! shows), and the admin's tools. Admin functions check the admin role first; every
//! check that guards a write (the last admin, the person and organisation exist) runs
//! inside that write's transaction.

use super::{Context, Db, audit, clock::now, store};
use crate::{
    domain::{
        DisplayName, EmailAddress, OrganisationName,
        audit::{AuditAction, describe_roles},
        easy_read::TextKind,
    },
    error::AppError,
    model::{
        Account, AccountInput, MemberRef, OrganisationDetail, OrganisationInput, OrganisationRef,
        OrganisationSummary, PageRequest, Paged, PersonDetail, PersonInput, PersonSummary,
        SiteContext,
    },
};

/// What every page's header needs.
pub fn site_context(cx: &Context) -> SiteContext {
    SiteContext {
        viewer: cx.viewer.clone(),
        local_mailbox: cx.state.config.local_mailbox_enabled(),
    }
}

pub async fn account(cx: &Context) -> Result<Account, AppError> {
    let viewer = cx.signed_in()?.clone();
    let mut conn = cx.read().await?;
    let organisations = store::organisations::memberships_of_user(&mut conn, viewer.id)
        .await?
        .into_iter()
        .map(|m| m.organisation_name)
        .collect();
    let (easy_read, email_opt_out) = store::users::email_preferences(&mut conn, viewer.id).await?;
    Ok(Account {
        viewer,
        organisations,
        easy_read,
        email_opt_out,
    })
}

pub async fn set_display_name(cx: &Context, raw: &str) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let name =
        DisplayName::parse(raw).map_err(|e| AppError::field(AccountInput::DISPLAY_NAME, e))?;
    let mut tx = cx.write().await?;
    if store::organisations::is_named(&mut tx, name.as_str()).await? {
        return Err(AppError::Field(
            AccountInput::DISPLAY_NAME.into(),
            format!(
                "{name} is the name of an organisation here. Enter your own name: if you speak \
                 for {name}, an admin adds you to it and it is shown beside your name"
            ),
        ));
    }
    store::users::set_display_name(&mut tx, viewer.id, name.as_str()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_email_preferences(
    cx: &Context,
    easy_read: bool,
    opt_out: bool,
) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    store::users::set_email_preferences(&mut tx, viewer.id, easy_read, opt_out).await?;
    tx.commit().await?;
    Ok(())
}

/// The reading switch: a signed-in person's "Easy read" choice, kept with their account
/// so it follows them to any browser (and decides which emails they get). Signed out,
/// there is nothing to store: the browser's cookie carries the choice.
pub async fn set_reading(cx: &Context, reading: TextKind) -> Result<(), AppError> {
    let Some(viewer) = &cx.viewer else {
        return Ok(());
    };
    if viewer.easy_read == (reading == TextKind::EasyRead) {
        return Ok(());
    }
    let mut tx = cx.write().await?;
    store::users::set_easy_read(&mut tx, viewer.id, reading == TextKind::EasyRead).await?;
    tx.commit().await?;
    Ok(())
}

/// Add someone by address before they first sign in (e.g. to give them a role).
pub async fn add_person(cx: &Context, raw_email: &str) -> Result<i64, AppError> {
    let admin = cx.admin()?.id;
    let email =
        EmailAddress::parse(raw_email).map_err(|e| AppError::field(PersonInput::EMAIL, e))?;
    let mut tx = cx.write().await?;
    let (user, new) = store::users::find_or_create(&mut tx, email.as_str(), now()).await?;
    if new {
        audit::record(
            &mut tx,
            Some(admin),
            AuditAction::PersonAdded,
            Some(user.id),
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(user.id)
}

/// Make an address an admin, creating the account if needed. Used by the CLI to make the
/// first admin, so it needs no signed-in admin.
pub async fn make_admin(db: &Db, raw_email: &str) -> Result<i64, AppError> {
    let email = EmailAddress::parse(raw_email)?;
    let mut tx = db.begin_write().await?;
    let user = store::users::find_or_create_by_email(&mut tx, email.as_str(), now()).await?;
    store::users::set_roles(&mut tx, user.id, user.is_editor != 0, true).await?;
    if user.is_admin == 0 {
        store::sessions::delete_for_user(&mut tx, user.id).await?;
        let roles = |admin| {
            role_words(Roles {
                editor: user.is_editor != 0,
                admin,
                facilitator: user.is_facilitator != 0,
                moderator: user.is_moderator != 0,
            })
        };
        let detail = format!("From {} to {}", roles(false), roles(true));
        audit::record(
            &mut tx,
            None,
            AuditAction::RolesChanged,
            Some(user.id),
            &detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(user.id)
}

/// The roles an admin gives on a person's page, all saved together.
#[derive(Debug, Clone, Copy, Default)]
pub struct Roles {
    pub editor: bool,
    pub admin: bool,
    /// Records what people said at events (see `server::events`).
    pub facilitator: bool,
    /// Handles reported comments (see `server::moderation`).
    pub moderator: bool,
}

/// Roles in the audit log's words: "editor, admin", or "no roles".
fn role_words(roles: Roles) -> String {
    describe_roles(&[
        ("editor", roles.editor),
        ("admin", roles.admin),
        ("facilitator", roles.facilitator),
        ("moderator", roles.moderator),
    ])
}

pub async fn set_roles(cx: &Context, person_id: i64, roles: Roles) -> Result<(), AppError> {
    let Roles {
        editor: is_editor,
        admin: is_admin,
        facilitator: is_facilitator,
        moderator: is_moderator,
    } = roles;
    let admin = cx.admin()?.id;
    let mut tx = cx.write().await?;
    let admins = store::users::lock_admins(&mut tx, cx.db().backend).await?;
    let before = store::users::find_by_id(&mut tx, person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if before.is_admin != 0 && !is_admin && admins.iter().all(|id| *id == person_id) {
        return Err(AppError::Invalid(
            "This is the only admin. Make someone else an admin first, so that someone can still manage people.".into(),
        ));
    }
    store::users::set_roles(&mut tx, person_id, is_editor, is_admin).await?;
    store::users::set_facilitator(&mut tx, person_id, is_facilitator).await?;
    store::users::set_moderator(&mut tx, person_id, is_moderator).await?;
    // A session begun with other roles ends: whoever holds it signs in again, so a
    // session stolen or left open before the change never carries new powers.
    let changed = (
        before.is_editor != 0,
        before.is_admin != 0,
        before.is_facilitator != 0,
        before.is_moderator != 0,
    ) != (is_editor, is_admin, is_facilitator, is_moderator);
    if changed {
        store::sessions::delete_for_user(&mut tx, person_id).await?;
        let before = Roles {
            editor: before.is_editor != 0,
            admin: before.is_admin != 0,
            facilitator: before.is_facilitator != 0,
            moderator: before.is_moderator != 0,
        };
        let detail = format!("From {} to {}", role_words(before), role_words(roles));
        audit::record(
            &mut tx,
            Some(admin),
            AuditAction::RolesChanged,
            Some(person_id),
            &detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn create_organisation(cx: &Context, raw_name: &str) -> Result<i64, AppError> {
    let admin = cx.admin()?.id;
    let name = OrganisationName::parse(raw_name)
        .map_err(|e| AppError::field(OrganisationInput::NAME, e))?;
    let mut tx = cx.write().await?;
    let id = store::organisations::create(&mut tx, name.as_str(), now())
        .await?
        .ok_or_else(|| {
            AppError::Field(
                OrganisationInput::NAME.into(),
                format!("There is already an organisation called {}", name.as_str()),
            )
        })?;
    audit::record(
        &mut tx,
        Some(admin),
        AuditAction::OrganisationCreated,
        None,
        name.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The organisation chosen from a list, as its id.
fn chosen_organisation(raw: &str, message: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::Field(PersonInput::ORGANISATION_ID.into(), message.into()))
}

pub async fn add_membership(
    cx: &Context,
    person_id: i64,
    organisation: &str,
) -> Result<(), AppError> {
    let admin = cx.admin()?.id;
    let organisation_id =
        chosen_organisation(organisation, "Choose an organisation from the list")?;
    let mut tx = cx.write().await?;
    if store::users::find_by_id(&mut tx, person_id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let Some(found) = store::organisations::find(&mut tx, organisation_id).await? else {
        return Err(AppError::Field(
            PersonInput::ORGANISATION_ID.into(),
            "Choose an organisation from the list".into(),
        ));
    };
    if store::organisations::add_member(&mut tx, person_id, organisation_id, now()).await? {
        audit::record(
            &mut tx,
            Some(admin),
            AuditAction::MembershipAdded,
            Some(person_id),
            &found.name,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn remove_membership(
    cx: &Context,
    person_id: i64,
    organisation: &str,
) -> Result<(), AppError> {
    let admin = cx.admin()?.id;
    let organisation_id = chosen_organisation(organisation, "Choose an organisation to remove")?;
    let mut tx = cx.write().await?;
    let removed = store::organisations::remove_member(&mut tx, person_id, organisation_id).await?;
    if removed && let Some(found) = store::organisations::find(&mut tx, organisation_id).await? {
        audit::record(
            &mut tx,
            Some(admin),
            AuditAction::MembershipRemoved,
            Some(person_id),
            &found.name,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn organisations_by_person(
    memberships: &[store::organisations::MembershipRow],
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

fn person_summary(
    row: store::users::UserRow,
    memberships: &[store::organisations::MembershipRow],
) -> PersonSummary {
    PersonSummary {
        organisations: organisations_by_person(memberships, row.id),
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        is_editor: row.is_editor != 0,
        is_admin: row.is_admin != 0,
        is_facilitator: row.is_facilitator != 0,
        is_moderator: row.is_moderator != 0,
    }
}

/// How many people the admin list shows at a time.
pub const PEOPLE_PER_PAGE: u32 = 50;

/// One page of the people whose name or email address contains `search` (everyone when
/// it is empty), with roles and organisations: three queries, however many people.
pub async fn people(
    cx: &Context,
    search: &str,
    page: Option<&str>,
) -> Result<Paged<PersonSummary>, AppError> {
    cx.admin()?;
    let mut conn = cx.read().await?;
    let pattern = store::users::search_pattern(search);
    let total = store::users::count_matching(&mut conn, &pattern).await?;
    let page = PageRequest::new(page, PEOPLE_PER_PAGE).within(total);
    let people = store::users::page_matching(&mut conn, &pattern, page).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let memberships = store::organisations::memberships_of_users(&mut conn, &ids).await?;
    Ok(Paged::new(
        people
            .into_iter()
            .map(|row| person_summary(row, &memberships))
            .collect(),
        page,
        total,
    ))
}

pub async fn person(cx: &Context, id: i64) -> Result<PersonDetail, AppError> {
    cx.admin()?;
    let mut conn = cx.read().await?;
    let row = store::users::find_by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let memberships = store::organisations::memberships_of_user(&mut conn, id).await?;
    let person = person_summary(row, &memberships);
    let other_organisations = store::organisations::list(&mut conn)
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

pub async fn organisations(cx: &Context) -> Result<Vec<OrganisationSummary>, AppError> {
    cx.admin()?;
    let mut conn = cx.read().await?;
    Ok(store::organisations::list(&mut conn)
        .await?
        .into_iter()
        .map(|o| OrganisationSummary {
            id: o.id,
            name: o.name,
            member_count: o.member_count,
        })
        .collect())
}

pub async fn organisation(cx: &Context, id: i64) -> Result<OrganisationDetail, AppError> {
    cx.admin()?;
    let mut conn = cx.read().await?;
    let organisation = store::organisations::find(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = store::organisations::members_of(&mut conn, id)
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
