import type { Policy } from "@liushou/core"

/**
 * The national opinion: 民政部等9部门《关于加强农村留守老年人关爱服务工作的意见》.
 *
 * @category models
 * @since 0.1.0
 */
export const DOCUMENT: Policy.PolicyDocument = {
  number: "民发〔2017〕193号",
  title: {
    zh: "关于加强农村留守老年人关爱服务工作的意见",
    en: "Opinions on strengthening care services for rural left-behind elders"
  },
  issuer: {
    zh: "民政部、公安部、司法部、财政部、人力资源社会保障部、文化部、卫生计生委、国务院扶贫办、全国老龄办",
    en: "Ministry of Civil Affairs and eight other national departments"
  }
}

/**
 * The Law on the Protection of the Rights and Interests of the Elderly, cited for the age
 * threshold and the family duties it states.
 *
 * @category models
 * @since 0.1.0
 */
export const ELDERLY_RIGHTS_LAW = "老年人权益保障法"

/**
 * The Civil Code, cited for who owes support (arts. 1067, 1074).
 *
 * @category models
 * @since 0.2.0
 */
export const CIVIL_CODE = "民法典"

/**
 * The Legal Aid Law (in force from 2022-01-01), cited for legal aid in support claims and for
 * victims of abuse.
 *
 * @category models
 * @since 0.2.0
 */
export const LEGAL_AID_LAW = "法律援助法"

/**
 * The 2022 national guidance on visits to elders in special difficulty: 民政部等10部门《关于开展
 * 特殊困难老年人探访关爱服务的指导意见》, announced at the Ministry of Civil Affairs' press conference of
 * October 2022. Its targets include left-behind elders (独居、空巢、留守、失能、重残、计划生育特殊家庭);
 * visits are "定期上门入户、电话视频等方式"; the goal is a monthly visit rate of 100% by the end of 2025.
 * Cited by title and date: its document number was in no source reached (人民日报 of 2022-10-28,
 * via m.best-vision.cn/2022-10/28/content_42151855.htm; Xinhua, en.people.cn/n3/2022/1027/c90000-10163922.html).
 *
 * @category models
 * @since 0.4.0
 */
export const VISITS_GUIDANCE_2022 = "民政部等10部门《关于开展特殊困难老年人探访关爱服务的指导意见》（2022年10月）"
